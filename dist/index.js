import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5457);

// The runner cancels a job with SIGINT, then SIGTERM: stop waiting, report, and exit non-zero.
const cancel = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => cancel.abort());
await (0,_main_js__WEBPACK_IMPORTED_MODULE_0__/* .run */ .e)({ signal: cancel.signal });

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 5457:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  e: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: ./src/deferred/actions-http-client.cjs
var actions_http_client = __nccwpck_require__(7990);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new actions_http_client.HttpClient('actions/oidc-client', [new BearerCredentialHandler(OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
// EXTERNAL MODULE: ./src/deferred/actions-exec.cjs
var actions_exec = __nccwpck_require__(1137);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
;// CONCATENATED MODULE: ./src/errors.ts
/** A bad action input: names the input and what it accepts, and is raised before any request. */
class InputError extends Error {
    input;
    constructor(input, detail) {
        super(`Input '${input}' ${detail}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/**
 * How an error shows the value it refuses: quoted, cut to 80 characters, with control characters
 * escaped so that they cannot corrupt the log line.
 */
function got(value) {
    const shown = value.length > 80 ? `${value.slice(0, 80)}…` : value;
    return `got '${JSON.stringify(shown).slice(1, -1)}'`;
}
const RETRYABLE = new Set(['throttled', 'server', 'network']);
/** A failed call to an Alibaba Cloud API, with the service's own Code, Message and RequestId. */
class ApiError extends Error {
    operation;
    kind;
    httpStatus;
    code;
    serviceMessage;
    requestId;
    hint;
    retryAfterMs;
    serverDate;
    constructor(details) {
        super(describeApiError(details));
        this.name = 'ApiError';
        this.operation = details.operation;
        this.kind = details.kind;
        this.httpStatus = details.httpStatus;
        this.code = details.code;
        this.serviceMessage = details.serviceMessage;
        this.requestId = details.requestId;
        this.hint = details.hint;
        this.retryAfterMs = details.retryAfterMs;
        this.serverDate = details.serverDate;
    }
    /** The same failure, attributed to the operation the user knows (network errors start anonymous). */
    withOperation(operation) {
        return new ApiError({ ...this.details(), operation });
    }
    details() {
        const { operation, kind, httpStatus, code, serviceMessage, requestId, hint } = this;
        return {
            operation,
            kind,
            httpStatus,
            code,
            serviceMessage,
            requestId,
            hint,
            retryAfterMs: this.retryAfterMs,
            serverDate: this.serverDate
        };
    }
    get retryable() {
        return RETRYABLE.has(this.kind);
    }
}
function describeApiError(d) {
    const facts = [
        d.code && `Code: ${d.code}`,
        d.httpStatus !== undefined && `HTTP ${d.httpStatus}`,
        d.requestId && `RequestId: ${d.requestId}`
    ].filter(Boolean);
    const head = `${d.operation} failed: ${d.serviceMessage || d.code || d.kind}`;
    const tail = facts.length ? ` (${facts.join(', ')})` : '';
    return `${head}${tail}${d.hint ? `. ${d.hint}` : ''}`;
}
function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
/** Credentials that cannot be had as configured (environment, GitHub ID token): explained, no stack. */
class CredentialsError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CredentialsError';
    }
}

;// CONCATENATED MODULE: ./src/duration.ts

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|h|m|s))+$/;
/** Longer sleeps would overflow Node's timers, and no GitHub job runs this long anyway. */
const MAX_DURATION_MS = 7 * 24 * 3_600_000;
const DURATION_FORMAT = 'a duration such as 90s, 20m, 1h30m or 500ms (a bare number means seconds)';
/** Parses `90s`, `20m`, `1h30m`, `500ms` or a bare number of seconds into milliseconds. */
function parseDuration(input, value) {
    const text = value.trim().toLowerCase();
    let ms;
    if (/^\d+(?:\.\d+)?$/.test(text)) {
        ms = Number(text) * 1000;
    }
    else if (WHOLE.test(text)) {
        ms = 0;
        for (const [, amount, unit] of text.matchAll(PART))
            ms += Number(amount) * (UNIT_MS[unit] ?? 0);
    }
    else {
        throw new InputError(input, `must be ${DURATION_FORMAT}; ${got(value)}`);
    }
    ms = Math.round(ms);
    if (ms > MAX_DURATION_MS) {
        throw new InputError(input, `must be at most 168h (7 days); ${got(value)}`);
    }
    return ms;
}
/** `90000` → `1m30s`: how durations are shown to users in logs and errors. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.max(0, Math.round(ms))}ms`;
    let seconds = Math.round(ms / 1000);
    const hours = Math.floor(seconds / 3600);
    seconds -= hours * 3600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    const parts = [hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`];
    return parts.filter(Boolean).join('') || '0s';
}

;// CONCATENATED MODULE: ./src/classify.ts
const AUTH_HINT = 'Check the access key ID and secret (a stray space or newline in a secret breaks the signature) ' +
    'and, with temporary credentials, the security token';
const EXPIRED_TOKEN_HINT = 'The security token has expired: temporary credentials passed in (security-token, or from the ' +
    'environment) must last the whole wait. Refresh them, or let the action assume the role with ' +
    'OIDC (role-to-assume), which renews them as needed';
/** Throttling and server faults, which every Alibaba Cloud API answers alike: worth a retry. */
function classifyTransient(httpStatus, code) {
    if (/^Throttling/i.test(code) || httpStatus === 429)
        return { kind: 'throttled' };
    if (code === 'ServiceUnavailable' || httpStatus >= 500)
        return { kind: 'server' };
    return undefined;
}
/**
 * Maps an error response to what a waiter should do with it. Codes take precedence over HTTP
 * status because the gateway reuses 400 for throttling and signature errors alike.
 */
function classifyServiceError(httpStatus, code, context) {
    const transient = classifyTransient(httpStatus, code);
    if (transient)
        return transient;
    if (code === 'SignatureNonceUsed')
        return { kind: 'server' }; // a fresh nonce fixes it
    if (code.startsWith('InvalidTimeStamp')) {
        return {
            kind: 'clock',
            hint: "The runner's clock is more than 15 minutes off; fix its time synchronisation"
        };
    }
    if (code === 'InvalidSecurityToken.Expired') {
        return { kind: 'auth', hint: EXPIRED_TOKEN_HINT };
    }
    if (/^(?:InvalidAccessKeyId|SignatureDoesNotMatch|IncompleteSignature|InvalidSecurityToken|MissingSecurityToken|MissingAuthorization|InvalidAuthorization)/.test(code)) {
        return { kind: 'auth', hint: AUTH_HINT };
    }
    if (/^(?:Forbidden|NoPermission)/.test(code) || httpStatus === 403) {
        return {
            kind: 'permission',
            hint: `Grant the RAM identity the action ${context.ramAction} (for example in a custom RAM policy)`
        };
    }
    if (code === 'InvalidApi.NotFound') {
        return {
            kind: 'validation',
            hint: 'Check that endpoint points at PAI-DSW (pai-dsw.<region>.aliyuncs.com)'
        };
    }
    if (httpStatus === 404) {
        return {
            kind: 'not-found',
            hint: `The snapshot or instance does not exist at ${context.host}: check the region ` +
                '(or endpoint) and the instance-id and snapshot-id inputs'
        };
    }
    return { kind: 'validation' };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/signer.ts

/** Alibaba Cloud request signature V3; the only version PAI-DSW 2022-01-01 documents as current. */
const SIGNATURE_ALGORITHM = 'ACS3-HMAC-SHA256';
/** RFC 3986 percent-encoding as the V3 signature defines it: only `A-Z a-z 0-9 - _ . ~` stay. */
function percentEncode(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
const encodePathSegment = percentEncode;
function sha256Hex(data) {
    return (0,external_node_crypto_.createHash)('sha256').update(data, 'utf8').digest('hex');
}
/** `YYYY-MM-DDTHH:mm:ssZ`: the signature format has no milliseconds. */
function formatAcsDate(date) {
    return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
function newNonce() {
    return (0,external_node_crypto_.randomBytes)(16).toString('hex');
}
function canonicalQueryString(query = {}) {
    return Object.keys(query)
        .sort()
        .map(name => `${percentEncode(name)}=${percentEncode(query[name] ?? '')}`)
        .join('&');
}
function isSignedHeader(name) {
    return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}
/**
 * Builds the headers for one request and signs them. Pure: the clock and the nonce come in through
 * `context`, so the official test vectors can be reproduced exactly.
 */
function signRequest(request, credentials, context) {
    const body = request.body ?? '';
    const headers = {
        host: request.host,
        'x-acs-action': request.action,
        'x-acs-version': request.version,
        'x-acs-date': formatAcsDate(context.now),
        'x-acs-signature-nonce': context.nonce,
        'x-acs-content-sha256': sha256Hex(body)
    };
    if (request.contentType)
        headers['content-type'] = request.contentType;
    if (credentials.securityToken) {
        // The official SDK sends the key ID alongside the token; the gateway expects both signed.
        headers['x-acs-accesskey-id'] = credentials.accessKeyId;
        headers['x-acs-security-token'] = credentials.securityToken;
    }
    const signedNames = Object.keys(headers).filter(isSignedHeader).sort();
    const canonicalHeaders = signedNames.map(name => `${name}:${headers[name]?.trim()}\n`).join('');
    const signedHeaders = signedNames.join(';');
    const canonicalRequest = [
        request.method.toUpperCase(),
        request.path,
        canonicalQueryString(request.query),
        canonicalHeaders,
        signedHeaders,
        headers['x-acs-content-sha256']
    ].join('\n');
    const stringToSign = `${SIGNATURE_ALGORITHM}\n${sha256Hex(canonicalRequest)}`;
    const signature = (0,external_node_crypto_.createHmac)('sha256', credentials.accessKeySecret)
        .update(stringToSign, 'utf8')
        .digest('hex');
    headers.authorization =
        `${SIGNATURE_ALGORITHM} Credential=${credentials.accessKeyId},` +
            `SignedHeaders=${signedHeaders},Signature=${signature}`;
    return { headers, canonicalRequest, stringToSign, signature };
}

;// CONCATENATED MODULE: ./src/client.ts




const PAI_DSW_VERSION = '2022-01-01';
/** A minimal PAI-DSW API client: signs each call with V3 and turns failures into ApiErrors. */
class PaiDswClient {
    options;
    now;
    nonce;
    /** Server time minus local time, learned from a rejected timestamp; 0 until then. */
    skewMs = 0;
    /** API requests sent so far, retries included: the `attempts` output. */
    requestCount = 0;
    constructor(options) {
        this.options = options;
        this.now = options.now ?? (() => new Date());
        this.nonce = options.nonce ?? newNonce;
    }
    async getInstanceSnapshot(instanceId, snapshotId) {
        const path = `/api/v2/instances/${encodePathSegment(instanceId)}` +
            `/snapshots/${encodePathSegment(snapshotId)}`;
        const { body, requestId } = await this.call({
            action: 'GetInstanceSnapshot',
            path,
            subject: `snapshot ${snapshotId} of instance ${instanceId}`
        });
        return { snapshot: body, requestId };
    }
    /** One page of an instance's snapshots, sorted by creation time. */
    async listInstanceSnapshots(instanceId, page) {
        const { body, requestId } = await this.call({
            action: 'ListInstanceSnapshot',
            path: `/api/v2/instances/${encodePathSegment(instanceId)}/snapshots`,
            query: {
                PageNumber: String(page.pageNumber),
                PageSize: String(page.pageSize),
                SortBy: 'gmtCreate',
                Order: page.order
            },
            subject: `snapshots of instance ${instanceId}`
        });
        const snapshots = Array.isArray(body.Snapshots) ? body.Snapshots : [];
        const totalCount = typeof body.TotalCount === 'number' ? body.TotalCount : Number(body.TotalCount);
        return {
            snapshots,
            totalCount: Number.isFinite(totalCount) ? totalCount : snapshots.length,
            requestId
        };
    }
    /**
     * A runner whose clock is more than 15 minutes off gets every request refused: learn the offset
     * from the server's `Date` header once, warn, and retry with corrected timestamps.
     */
    async call(call) {
        try {
            return await this.send(call);
        }
        catch (error) {
            if (!(error instanceof ApiError) || error.kind !== 'clock' || !error.serverDate)
                throw error;
            if (this.skewMs !== 0)
                throw error;
            this.skewMs = error.serverDate.getTime() - this.now().getTime();
            this.options.onClockSkew?.(`The runner's clock is about ${describeSkew(this.skewMs)} ` +
                `${this.skewMs > 0 ? 'behind' : 'ahead of'} the server's (${error.code}); ` +
                "signing requests with the server's time instead. Fix the runner's time synchronisation");
            return await this.send(call);
        }
    }
    async send(call) {
        const { endpoint, transport, requestTimeoutMs } = this.options;
        const credentials = await this.options.credentials();
        this.requestCount++;
        const signed = signRequest({
            method: 'GET',
            host: endpoint.host,
            path: call.path,
            query: call.query,
            action: call.action,
            version: PAI_DSW_VERSION
        }, credentials, { now: new Date(this.now().getTime() + this.skewMs), nonce: this.nonce() });
        const operation = `${call.action} (${call.subject})`;
        const query = canonicalQueryString(call.query);
        const response = await transport
            .send({
            url: `${endpoint.origin}${call.path}${query ? `?${query}` : ''}`,
            method: 'GET',
            headers: { ...signed.headers, accept: 'application/json' },
            timeoutMs: requestTimeoutMs,
            signal: this.options.signal
        })
            .catch((error) => {
            throw error instanceof ApiError ? error.withOperation(operation) : error;
        });
        const body = parseJsonObject(response.body);
        const requestId = stringField(body, 'RequestId') || response.headers['x-acs-request-id'] || '';
        if (response.status >= 200 && response.status < 300) {
            if (!body) {
                throw new ApiError({
                    operation,
                    kind: 'server',
                    httpStatus: response.status,
                    serviceMessage: `response is not JSON: ${preview(response.body)}`,
                    requestId
                });
            }
            return { body, requestId };
        }
        throw errorFromResponse(operation, response, (status, code) => classifyServiceError(status, code, {
            ramAction: `paidsw:${call.action}`,
            host: endpoint.host
        }));
    }
}
/** The `Date` header has whole seconds only, so a skew of minutes is shown to the minute. */
function describeSkew(skewMs) {
    const ms = Math.abs(skewMs);
    return formatDuration(ms >= 60_000 ? Math.round(ms / 60_000) * 60_000 : ms);
}
/**
 * The ApiError for an answer that is not a success, classified by `classify`. Without a JSON body
 * the response came from something in between (a proxy or load balancer page): such pages are
 * passing faults, unlike the service's own 4xx answers.
 */
function errorFromResponse(operation, response, classify) {
    const body = parseJsonObject(response.body);
    const code = stringField(body, 'Code');
    const requestId = stringField(body, 'RequestId') || response.headers['x-acs-request-id'];
    const { kind, hint } = body
        ? classify(response.status, code)
        : {
            kind: response.status === 429 ? 'throttled' : 'server',
            hint: undefined
        };
    return new ApiError({
        operation,
        kind,
        httpStatus: response.status,
        code: code || undefined,
        serviceMessage: body
            ? stringField(body, 'Message')
            : `non-JSON response: ${preview(response.body)}`,
        requestId: requestId || undefined,
        hint,
        retryAfterMs: retryAfterMs(response.headers),
        serverDate: serverDate(response.headers)
    });
}
function parseJsonObject(text) {
    try {
        const value = JSON.parse(text);
        return value && typeof value === 'object' && !Array.isArray(value)
            ? value
            : undefined;
    }
    catch {
        return undefined;
    }
}
function stringField(body, name) {
    const value = body?.[name];
    return typeof value === 'string' ? value : '';
}
/** A proxy's HTML page can be long and multi-line: show a short single-line start of it. */
function preview(text) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat || '(empty body)';
}
function retryAfterMs(headers) {
    const value = headers['x-acs-retry-after'] ?? headers['retry-after'];
    if (!value)
        return undefined;
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0)
        return seconds * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
function serverDate(headers) {
    const value = headers.date;
    const parsed = value ? Date.parse(value) : NaN;
    return Number.isNaN(parsed) ? undefined : new Date(parsed);
}

;// CONCATENATED MODULE: ./src/clock.ts
const systemClock = {
    now: () => Date.now(),
    sleep: (ms, signal) => new Promise(resolve => {
        if (signal?.aborted)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    })
};

;// CONCATENATED MODULE: ./src/env-credentials.ts

/**
 * Read in this order. The official credential chain and the `aliyun` CLI use the first two;
 * aliyun/configure-aliyun-credentials-action exports all three, with the same values.
 */
const ENV_FAMILIES = [
    {
        label: 'ALIBABA_CLOUD_*',
        keyId: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
        keySecret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
        token: 'ALIBABA_CLOUD_SECURITY_TOKEN'
    },
    {
        label: 'ALIBABACLOUD_*',
        keyId: 'ALIBABACLOUD_ACCESS_KEY_ID',
        keySecret: 'ALIBABACLOUD_ACCESS_KEY_SECRET',
        token: 'ALIBABACLOUD_SECURITY_TOKEN'
    },
    {
        label: 'ALICLOUD_*',
        keyId: 'ALICLOUD_ACCESS_KEY',
        keySecret: 'ALICLOUD_SECRET_KEY',
        token: 'ALICLOUD_SECURITY_TOKEN'
    }
];
/**
 * The first family whose key ID and secret are both set. A family with only part of a pair (or
 * a token without one) is an error, not a reason to look further: a half-set pair is a mistake.
 */
function credentialsFromEnv(env) {
    const value = (name) => envValue(env, name);
    for (const family of ENV_FAMILIES) {
        const keyId = value(family.keyId);
        const keySecret = value(family.keySecret);
        const token = value(family.token);
        if (keyId && keySecret)
            return { family, credentials: withToken(keyId, keySecret, token) };
        if (keyId || keySecret || token) {
            const missing = [family.keyId, family.keySecret].filter(name => !value(name));
            const set = [family.keyId, family.keySecret, family.token].filter(name => value(name));
            throw new CredentialsError(`The environment sets ${set.join(' and ')} but not ${missing.join(' or ')}: ` +
                'set the whole key pair (and the token, for temporary credentials), or unset them');
        }
    }
    return undefined;
}
/** Masks every key secret and token of every family that is set, used or not. */
function maskEnvSecrets(env, maskSecret) {
    for (const family of ENV_FAMILIES) {
        for (const name of [family.keySecret, family.token]) {
            if (envValue(env, name))
                maskSecret(envValue(env, name));
        }
    }
}
function envValue(env, name) {
    return env[name]?.trim() ?? '';
}
function withToken(accessKeyId, accessKeySecret, token) {
    return token
        ? { accessKeyId, accessKeySecret, securityToken: token }
        : { accessKeyId, accessKeySecret };
}

;// CONCATENATED MODULE: ./src/endpoint.ts

const REGION = /^[a-z]{2,}(?:-[a-z0-9]+){1,4}$/;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const REGION_FORMAT = 'a region ID such as cn-hangzhou or ap-southeast-1';
/** The region becomes part of a host name, so only the shape of a region ID is accepted. */
function parseRegion(input, value) {
    if (value.length > 40 || !REGION.test(value)) {
        throw new InputError(input, `must be ${REGION_FORMAT}; ${got(value)}`);
    }
    return value;
}
function isLoopbackHost(hostname) {
    return LOOPBACK_HOSTS.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}
function isValidHostname(hostname) {
    if (hostname === '[::1]')
        return true;
    return hostname.length <= 253 && hostname.split('.').every(label => HOST_LABEL.test(label));
}
/**
 * Accepts a host (`pai-dsw-vpc.cn-hangzhou.aliyuncs.com`), `host:port`, or an `https://` URL.
 * Plain `http://` is allowed only for loopback hosts, so credentials never cross a network in clear.
 */
function parseEndpoint(input, value, example = 'pai-dsw-vpc.cn-hangzhou.aliyuncs.com') {
    const accepted = `a host name or https:// URL such as ${example} (http:// only for loopback hosts)`;
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        throw new InputError(input, `must be ${accepted}; ${got(value)}`);
    }
    const protocol = url.protocol.slice(0, -1);
    if (protocol !== 'https' && protocol !== 'http') {
        throw new InputError(input, `must use https:// (or http:// for loopback); ${got(value)}`);
    }
    if (url.username || url.password) {
        throw new InputError(input, 'must not contain user name or password; pass credentials as inputs');
    }
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
        throw new InputError(input, `must be a host without path, query or fragment; ${got(value)}`);
    }
    if (/[\s\\@]/.test(value) || !isValidHostname(url.hostname)) {
        throw new InputError(input, `must be ${accepted}; ${got(value)}`);
    }
    if (protocol === 'http' && !isLoopbackHost(url.hostname)) {
        throw new InputError(input, `may use plain http:// only for loopback hosts (127.0.0.1, localhost, [::1]); ${got(value)}. Use https://`);
    }
    return { protocol, host: url.host, origin: `${protocol}://${url.host}` };
}
function defaultPaiDswEndpoint(region) {
    const host = `pai-dsw.${region}.aliyuncs.com`;
    return { protocol: 'https', host, origin: `https://${host}` };
}

;// CONCATENATED MODULE: ./src/role-session-name.ts

/** What STS accepts as RoleSessionName; the name shows in ActionTrail as who used the role. */
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const MAX_LENGTH = 64;
const ROLE_SESSION_NAME_FORMAT = '2 to 64 letters, digits and . @ _ -';
function parseRoleSessionName(input, value) {
    if (!SESSION_NAME.test(value)) {
        throw new InputError(input, `must be ${ROLE_SESSION_NAME_FORMAT}; ${got(value)}`);
    }
    return value;
}
/**
 * `gha-octo-org.deploy-4242-1`: the repository, run ID and attempt, so an audit log leads back to
 * the run. Valid by construction: other characters become `_`, and the repository is shortened
 * (never the run) to fit 64 characters.
 */
function defaultRoleSessionName(env) {
    const clean = (text) => text.replace(/[^A-Za-z0-9.@_-]/g, '_');
    const prefix = 'gha-';
    const run = [env.GITHUB_RUN_ID, env.GITHUB_RUN_ATTEMPT]
        .filter(Boolean)
        .map(part => clean(part))
        .join('-')
        .slice(0, MAX_LENGTH - prefix.length);
    const room = Math.max(0, MAX_LENGTH - prefix.length - run.length - (run ? 1 : 0));
    const repository = clean((env.GITHUB_REPOSITORY ?? '').replace('/', '.')).slice(0, room);
    const name = [repository, run].filter(Boolean).join('-');
    return name ? `${prefix}${name}` : 'gha-session';
}

;// CONCATENATED MODULE: ./src/oidc-inputs.ts



/** STS accepts 15 minutes up to the role's MaxSessionDuration, which RAM caps at 12 hours. */
const MIN_DURATION_S = 900;
const MAX_DURATION_S = 43_200;
const ROLE_ARN = {
    what: 'a RAM role ARN',
    pattern: /^acs:ram::\d+:role\/[A-Za-z0-9._-]{1,64}$/,
    example: 'acs:ram::123456789012:role/github-deploy'
};
const PROVIDER_ARN = {
    what: 'a RAM OIDC provider ARN',
    pattern: /^acs:ram::\d+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/,
    example: 'acs:ram::123456789012:oidc-provider/GitHub'
};
/**
 * Reads every OIDC input (so each is validated even when unused) and returns the role to assume,
 * or undefined when no role is given. A role without its provider, or the reverse, is an error.
 */
function readOidcRole(read, env) {
    const roleArn = read('role-to-assume');
    const oidcProviderArn = read('oidc-provider-arn');
    const sessionName = read('role-session-name');
    const audience = parseAudience(read('audience'));
    const durationSeconds = parseDurationSeconds(read('role-duration-seconds'));
    const stsEndpoint = parseEndpoint('sts-endpoint', read('sts-endpoint'), 'sts.cn-hangzhou.aliyuncs.com');
    if (!roleArn && !oidcProviderArn) {
        if (sessionName) {
            throw new InputError('role-session-name', 'is used only with role-to-assume and oidc-provider-arn');
        }
        return undefined;
    }
    if (!roleArn)
        throw new InputError('role-to-assume', 'is required when oidc-provider-arn is set');
    if (!oidcProviderArn) {
        throw new InputError('oidc-provider-arn', 'is required when role-to-assume is set');
    }
    return {
        roleArn: parseArn('role-to-assume', roleArn, ROLE_ARN, PROVIDER_ARN),
        oidcProviderArn: parseArn('oidc-provider-arn', oidcProviderArn, PROVIDER_ARN, ROLE_ARN),
        audience,
        roleSessionName: sessionName
            ? parseRoleSessionName('role-session-name', sessionName)
            : defaultRoleSessionName(env),
        durationSeconds,
        stsEndpoint
    };
}
/** `other` is the ARN the user may have put here by mistake: the error then says so. */
function parseArn(input, value, shape, other) {
    if (shape.pattern.test(value))
        return value;
    const swapped = other.pattern.test(value) ? ` (that is ${other.what})` : '';
    throw new InputError(input, `must be ${shape.what} such as ${shape.example}; ${got(value)}${swapped}`);
}
function parseAudience(value) {
    if (!/^[\x21-\x7e]{1,256}$/.test(value)) {
        throw new InputError('audience', `must be the Client ID configured on the RAM OIDC provider, such as sts.aliyuncs.com (no spaces); ${got(value)}`);
    }
    return value;
}
function parseDurationSeconds(value) {
    const seconds = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(seconds >= MIN_DURATION_S && seconds <= MAX_DURATION_S)) {
        throw new InputError('role-duration-seconds', `must be a whole number of seconds from ${MIN_DURATION_S} to ${MAX_DURATION_S} ` +
            `(and at most the role's maximum session duration); ${got(value)}`);
    }
    return seconds;
}

;// CONCATENATED MODULE: ./src/credentials.ts



/**
 * Explicit key inputs, then OIDC inputs, then the environment. Inputs that contradict each other,
 * or give half of what they need, are errors rather than a silent choice.
 */
function resolveCredentialSource(read, env, maskSecret) {
    const keyId = read('access-key-id');
    const keySecret = read('access-key-secret');
    const token = read('security-token');
    // Mask before anything else can echo them (validation errors included).
    if (keySecret)
        maskSecret(keySecret);
    if (token)
        maskSecret(token);
    maskEnvSecrets(env, maskSecret);
    const role = readOidcRole(read, env);
    if (keyId || keySecret || token) {
        if (role) {
            throw new InputError('role-to-assume', 'cannot be combined with access-key-id, access-key-secret or security-token: ' +
                'give either a role to assume with OIDC or an AccessKey pair, not both');
        }
        if (!keyId && !keySecret) {
            throw new InputError('security-token', 'needs access-key-id and access-key-secret with it');
        }
        if (!keyId)
            throw new InputError('access-key-id', 'is required when access-key-secret is set');
        if (!keySecret) {
            throw new InputError('access-key-secret', 'is required when access-key-id is set');
        }
        return { kind: 'inputs', credentials: withToken(keyId, keySecret, token) };
    }
    if (role)
        return { kind: 'oidc', role };
    const fromEnv = credentialsFromEnv(env);
    if (fromEnv)
        return { kind: 'environment', ...fromEnv };
    throw new CredentialsError('No credentials: give the action a RAM role to assume with GitHub OIDC (inputs role-to-assume ' +
        "and oidc-provider-arn, and 'permissions: id-token: write' on the job), or an AccessKey pair " +
        '(inputs access-key-id and access-key-secret from repository secrets, or ' +
        'ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET in the environment, as ' +
        'aliyun/configure-aliyun-credentials-action sets them)');
}
/** For the log: where the credentials come from, never what they are. */
function describeCredentialSource(source) {
    switch (source.kind) {
        case 'inputs':
            return `AccessKey from the inputs${source.credentials.securityToken ? ', with a security token' : ''}`;
        case 'environment':
            return (`AccessKey from the ${source.family.label} environment variables` +
                (source.credentials.securityToken ? ', with a security token' : ''));
        case 'oidc':
            return (`RAM role ${source.role.roleArn} through GitHub OIDC ` +
                `(session ${source.role.roleSessionName}, STS at ${source.role.stsEndpoint.host})`);
    }
}

;// CONCATENATED MODULE: ./src/github-id-token.ts

const PERMISSION_HINT = "give the job 'permissions: id-token: write' (with 'contents: read' if it checks out code); " +
    'jobs run for pull requests from forks usually cannot get one';
/**
 * Asks GitHub for an ID token for `audience`. The runner offers the token endpoint only to jobs
 * with `id-token: write`, so its absence is reported as that missing permission.
 */
async function fetchGitHubIdToken(getIDToken, audience, env, maskSecret) {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new CredentialsError('Could not get a GitHub OIDC token to assume the role: the runner offers none to this job ' +
            `(ACTIONS_ID_TOKEN_REQUEST_URL is not set); ${PERMISSION_HINT}`);
    }
    let token;
    try {
        token = await getIDToken(audience);
    }
    catch (error) {
        // @actions/core spreads its message over several lines: keep the error on one.
        const reason = errorMessage(error).replace(/\s+/g, ' ').trim();
        throw new CredentialsError(`Could not get a GitHub OIDC token for audience ${audience}: ${reason}`);
    }
    maskSecret(token);
    return token;
}

;// CONCATENATED MODULE: ./src/sts-errors.ts

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/**
 * Maps an STS error to what to do with it. Only throttling and server faults are worth another
 * try; the rest are configuration in RAM or in the workflow, and the hint says where.
 */
function classifyStsError(httpStatus, code, context) {
    const transient = classifyTransient(httpStatus, code);
    if (transient)
        return transient;
    if (code === 'InternalError')
        return { kind: 'server' };
    if (code.startsWith('InvalidTimeStamp')) {
        return { kind: 'clock', hint: "The runner's clock is off; fix its time synchronisation" };
    }
    if (code === 'AuthenticationFail.OIDCToken.AudienceNotMatch') {
        return {
            kind: 'auth',
            hint: `The audience input (${context.audience}) must be one of the Client IDs of the RAM OIDC ` +
                `provider ${context.oidcProviderArn}: add it there, or set audience to one of them`
        };
    }
    if (code === 'AuthenticationFail.OIDCToken.Expired') {
        return {
            kind: 'auth',
            hint: "The GitHub ID token had expired when STS checked it: check the runner's clock"
        };
    }
    if (code.startsWith('AuthenticationFail.OIDCToken')) {
        return {
            kind: 'auth',
            hint: `Check the RAM OIDC provider ${context.oidcProviderArn}: its issuer URL must be ` +
                `${GITHUB_ISSUER} (on GitHub Enterprise Server, your server's issuer) and its ` +
                'fingerprint the current one of that host'
        };
    }
    if (/^(?:AuthenticationFail|NoPermission|Forbidden)/.test(code) || httpStatus === 403) {
        return { kind: 'permission', hint: trustPolicyHint(context) };
    }
    if (code === 'EntityNotExist.Role') {
        return {
            kind: 'not-found',
            hint: `Check role-to-assume (${context.roleArn}): the account ID and role name must be those of an existing RAM role`
        };
    }
    if (code.startsWith('EntityNotExist')) {
        return { kind: 'not-found', hint: 'Check role-to-assume and oidc-provider-arn' };
    }
    if (code === 'InvalidParameter.DurationSeconds') {
        return {
            kind: 'validation',
            hint: `role-duration-seconds (${context.durationSeconds}) must be at least 900 and at most ` +
                "the role's maximum session duration (1 hour unless raised in RAM)"
        };
    }
    return {
        kind: 'validation',
        hint: 'Check role-to-assume, oidc-provider-arn and role-session-name'
    };
}
function trustPolicyHint({ oidcProviderArn, audience, repository }) {
    const sub = `repo:${repository || '<owner>/<repo>'}:*`;
    return (`The role's trust policy must let ${oidcProviderArn} assume it (check that ARN too), with ` +
        `conditions this job's ID token meets: oidc:aud = ${audience}, oidc:iss = ${GITHUB_ISSUER}, ` +
        `and oidc:sub like ${sub} (after the repository, the sub names the job's branch, tag, ` +
        'environment or pull_request)');
}

;// CONCATENATED MODULE: ./src/sts.ts




const STS_VERSION = '2015-04-01';
/** Throttling and server faults get a few quick retries, as long as the time budget allows. */
const MAX_ATTEMPTS = 3;
const FIRST_RETRY_DELAY_MS = 250;
const MIN_ATTEMPT_MS = 1000;
/**
 * The request STS expects for AssumeRoleWithOIDC: RPC style, anonymous (the ID token is the proof,
 * so nothing is signed), common parameters in the query and the others in a form body.
 */
function assumeRoleWithOidcRequest(params, endpoint, now) {
    const query = new URLSearchParams({
        Action: 'AssumeRoleWithOIDC',
        Version: STS_VERSION,
        Format: 'JSON',
        Timestamp: formatAcsDate(now)
    });
    const body = new URLSearchParams({
        OIDCProviderArn: params.oidcProviderArn,
        RoleArn: params.roleArn,
        OIDCToken: params.oidcToken,
        RoleSessionName: params.roleSessionName,
        DurationSeconds: String(params.durationSeconds)
    });
    return {
        url: `${endpoint.origin}/?${query}`,
        method: 'POST',
        headers: {
            accept: 'application/json',
            'content-type': 'application/x-www-form-urlencoded'
        },
        body: body.toString()
    };
}
/** Calls AssumeRoleWithOIDC; errors carry the STS Code, Message and RequestId, and a hint. */
async function assumeRoleWithOidc(params, options) {
    const { clock, signal } = options;
    const deadline = clock.now() + options.timeoutMs;
    for (let attempt = 1;; attempt++) {
        try {
            return await callOnce(params, options, deadline - clock.now());
        }
        catch (error) {
            const delay = FIRST_RETRY_DELAY_MS * 2 ** (attempt - 1);
            const retry = error instanceof ApiError &&
                error.retryable &&
                attempt < MAX_ATTEMPTS &&
                !signal?.aborted &&
                deadline - clock.now() - delay >= MIN_ATTEMPT_MS;
            if (!retry)
                throw error;
            await clock.sleep(delay, signal);
        }
    }
}
async function callOnce(params, options, timeoutMs) {
    const operation = `AssumeRoleWithOIDC (role ${params.roleArn})`;
    const request = assumeRoleWithOidcRequest(params, options.endpoint, new Date(options.clock.now()));
    const response = await options.transport
        .send({ ...request, timeoutMs, signal: options.signal })
        .catch((error) => {
        throw error instanceof ApiError ? error.withOperation(operation) : error;
    });
    const body = parseJsonObject(response.body);
    const requestId = stringField(body, 'RequestId') || response.headers['x-acs-request-id'] || '';
    if (response.status >= 200 && response.status < 300) {
        const assumed = body && assumedRole(body, response, requestId);
        if (assumed)
            return assumed;
        // Never show this body: it may hold a secret, even when something else in it is wrong.
        throw new ApiError({
            operation,
            kind: 'server',
            httpStatus: response.status,
            serviceMessage: 'the response has no complete Credentials',
            requestId: requestId || undefined
        });
    }
    throw errorFromResponse(operation, response, (status, code) => classifyStsError(status, code, options.context));
}
function assumedRole(body, response, requestId) {
    const fields = body.Credentials;
    if (!fields || typeof fields !== 'object')
        return undefined;
    const field = (name) => stringField(fields, name);
    const credentials = {
        accessKeyId: field('AccessKeyId'),
        accessKeySecret: field('AccessKeySecret'),
        securityToken: field('SecurityToken')
    };
    const expiration = new Date(field('Expiration'));
    if (!Object.values(credentials).every(Boolean) || Number.isNaN(expiration.getTime())) {
        return undefined;
    }
    return { credentials, expiration, serverDate: serverDate(response.headers), requestId };
}

;// CONCATENATED MODULE: ./src/credential-provider.ts






/** Renew this long before the credentials expire, or at half their life if that is shorter. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;
function renewalMarginMs(lifetimeMs) {
    return Math.min(RENEW_BEFORE_EXPIRY_MS, lifetimeMs / 2);
}
function createCredentialProvider(source, deps) {
    const description = describeCredentialSource(source);
    if (source.kind !== 'oidc')
        return { description, get: async () => source.credentials };
    const session = new OidcRoleSession(source.role, deps);
    return { description, get: () => session.credentials() };
}
/**
 * Temporary credentials for a role, assumed with a GitHub ID token and assumed again (with a fresh
 * ID token) before they expire, so that a wait can outlast one session.
 */
class OidcRoleSession {
    role;
    deps;
    held;
    renewing;
    constructor(role, deps) {
        this.role = role;
        this.deps = deps;
    }
    async credentials() {
        if (this.held && this.deps.clock.now() < this.held.renewAt)
            return this.held.credentials;
        // Callers that ask while a renewal is under way share it.
        this.renewing ??= this.renew().finally(() => (this.renewing = undefined));
        return this.renewing;
    }
    async renew() {
        const { clock, log } = this.deps;
        const previous = this.held;
        try {
            this.held = await this.assume();
        }
        catch (error) {
            // A failed renewal need not stop the wait while the current credentials still work.
            if (!previous || clock.now() >= previous.expiresAt)
                throw error;
            log.warning(`Could not renew the credentials of ${this.role.roleArn}: ${errorMessage(error)}. ` +
                `Going on with the current ones, which expire in ${formatDuration(previous.expiresAt - clock.now())}`);
            return previous.credentials;
        }
        const { expiresAt } = this.held;
        log.info(`${previous ? 'Renewed the credentials of' : 'Assumed'} ${this.role.roleArn}: ` +
            `valid for ${formatDuration(expiresAt - clock.now())} (until ${formatAcsDate(new Date(expiresAt))})`);
        return this.held.credentials;
    }
    async assume() {
        const { role, deps } = this;
        const oidcToken = await fetchGitHubIdToken(deps.getIDToken, role.audience, deps.env, deps.maskSecret);
        const assumed = await assumeRoleWithOidc({ ...role, oidcToken }, {
            endpoint: role.stsEndpoint,
            transport: deps.transport,
            clock: deps.clock,
            timeoutMs: deps.requestTimeoutMs,
            context: { ...role, repository: deps.env.GITHUB_REPOSITORY },
            signal: deps.signal
        });
        deps.maskSecret(assumed.credentials.accessKeySecret);
        deps.maskSecret(assumed.credentials.securityToken);
        // Measured on the server's clock, so a runner clock that is off does not shift the renewal.
        const now = deps.clock.now();
        const lifetimeMs = Math.max(0, assumed.expiration.getTime() - (assumed.serverDate?.getTime() ?? now));
        return {
            credentials: assumed.credentials,
            expiresAt: now + lifetimeMs,
            renewAt: now + lifetimeMs - renewalMarginMs(lifetimeMs)
        };
    }
}

;// CONCATENATED MODULE: ./src/undici-parts.ts
/**
 * The parts of undici the transport uses. Without a proxy, the agent and the request function are
 * imported one by one: undici's index also loads fetch, WebSocket, caches and mocks — and,
 * through its cookie module, Node's own bundled undici — which costs every run tens of
 * milliseconds and megabytes at its first request (see BENCHMARKS.md). The proxy agent needs the
 * Dispatcher methods that only the index installs, so proxied runs load the index.
 * The one-by-one paths are undici internals that its semver does not cover: undici is pinned to
 * an exact version in package.json, and the client and fault tests exercise both ways.
 */
async function loadUndiciParts(proxied) {
    if (proxied) {
        const undici = await Promise.all(/* import() */[__nccwpck_require__.e(440), __nccwpck_require__.e(405), __nccwpck_require__.e(752)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6752, 19));
        return {
            createDispatcher: () => new undici.EnvHttpProxyAgent(),
            request: (dispatcher, options) => dispatcher.request(options)
        };
    }
    const [agent, api] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(440), __nccwpck_require__.e(405)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 7405, 23)),
        Promise.all(/* import() */[__nccwpck_require__.e(440), __nccwpck_require__.e(43)]).then(__nccwpck_require__.t.bind(__nccwpck_require__, 4043, 23))
    ]);
    return {
        createDispatcher: () => new agent.default({ keepAliveTimeout: 10_000 }),
        request: (dispatcher, options) => api.default.call(dispatcher, options)
    };
}

;// CONCATENATED MODULE: ./src/http.ts


/** API responses are a few KiB; anything far larger is a proxy page or an attack, not data. */
const MAX_BODY_BYTES = 1024 * 1024;
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
/** Node error codes that say the host name itself is wrong, not that the network blinked. */
const HOST_NOT_FOUND = new Set(['ENOTFOUND']);
const TLS_CERTIFICATE = /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT)/;
/**
 * The undici transport. undici is imported on first use, not at start-up, so that a run that
 * fails on its inputs never pays for loading it; proxies from the environment are honoured the
 * way self-hosted runners expect.
 */
function createUndiciTransport(env = process.env) {
    const proxied = PROXY_VARIABLES.some(name => env[name]);
    let partsPromise;
    let dispatcher;
    const undici = () => (partsPromise ??= loadUndiciParts(proxied));
    const send = async (request) => {
        const parts = await undici();
        dispatcher ??= parts.createDispatcher();
        const timeout = AbortSignal.timeout(request.timeoutMs);
        const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
        try {
            const url = new URL(request.url);
            const response = await parts.request(dispatcher, {
                origin: url.origin,
                path: `${url.pathname}${url.search}`,
                method: request.method,
                headers: request.headers,
                body: request.body,
                signal,
                headersTimeout: request.timeoutMs,
                bodyTimeout: request.timeoutMs
            });
            const body = await readCapped(response.body, MAX_BODY_BYTES);
            const headers = {};
            for (const [name, value] of Object.entries(response.headers)) {
                headers[name] = Array.isArray(value) ? value.join(', ') : value;
            }
            return { status: response.statusCode, headers, body };
        }
        catch (error) {
            throw toNetworkError(request, error, timeout.aborted);
        }
    };
    const close = async () => {
        await dispatcher?.close();
    };
    return { send, close };
}
async function readCapped(body, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > limit) {
            body.destroy();
            throw new BodyTooLargeError(limit);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString('utf8');
}
class BodyTooLargeError extends Error {
    code = 'BODY_TOO_LARGE';
    constructor(limit) {
        super(`response body larger than ${limit} bytes`);
    }
}
function errorCode(error) {
    let current = error;
    // undici wraps the socket error; the useful code is usually on the cause.
    for (let depth = 0; current && depth < 4; depth++) {
        const code = current.code;
        if (typeof code === 'string' && !code.startsWith('UND_ERR'))
            return code;
        current = current.cause;
    }
    return error?.code;
}
/** The API client renames the operation (`GetInstanceSnapshot (snapshot …)`) with `withOperation`. */
function toNetworkError(request, error, timedOut) {
    const operation = `${request.method} ${new URL(request.url).pathname}`;
    const host = new URL(request.url).host;
    const code = timedOut ? 'TIMEOUT' : (errorCode(error) ?? 'NETWORK_ERROR');
    if (HOST_NOT_FOUND.has(code)) {
        return new ApiError({
            operation,
            kind: 'host-not-found',
            code,
            serviceMessage: `host ${host} not found`,
            hint: 'Check the region and endpoint inputs'
        });
    }
    if (TLS_CERTIFICATE.test(code)) {
        return new ApiError({
            operation,
            kind: 'tls',
            code,
            serviceMessage: `TLS certificate of ${host} not trusted`,
            hint: 'Behind a TLS-inspecting proxy, point NODE_EXTRA_CA_CERTS at its CA certificate'
        });
    }
    const what = timedOut
        ? `no complete response from ${host} within ${request.timeoutMs} ms`
        : `${error instanceof Error ? error.message : String(error)} (${host})`;
    return new ApiError({ operation, kind: 'network', code, serviceMessage: what });
}

;// CONCATENATED MODULE: ./src/snapshot-list.ts
/**
 * Snapshots per ListInstanceSnapshot page. The API documents no maximum; 100 is what comparable
 * Alibaba Cloud list APIs accept, so 250 snapshots are read in 3 requests.
 */
const LIST_PAGE_SIZE = 100;
function matchesFilter(snapshot, filter) {
    if (filter.namePrefix && !(snapshot.SnapshotName ?? '').startsWith(filter.namePrefix))
        return false;
    for (const [key, value] of Object.entries(filter.labels ?? {})) {
        if (!snapshot.Labels?.some(label => label.Key === key && label.Value === value))
            return false;
    }
    return true;
}
function describeFilter(filter) {
    const parts = [
        filter.namePrefix && `named ${filter.namePrefix}*`,
        ...Object.entries(filter.labels ?? {}).map(([k, v]) => `labelled ${k}=${v}`)
    ].filter(Boolean);
    return parts.length ? ` ${parts.join(' and ')}` : '';
}
/** Every snapshot of the instance (newest first) that passes the filter, reading all pages. */
async function listAllSnapshots(client, instanceId, filter = {}) {
    const snapshots = [];
    let requestId;
    for (let pageNumber = 1, seen = 0;; pageNumber++) {
        const page = await client.listInstanceSnapshots(instanceId, {
            pageNumber,
            pageSize: LIST_PAGE_SIZE,
            order: 'DESC'
        });
        requestId = page.requestId;
        seen += page.snapshots.length;
        snapshots.push(...page.snapshots.filter(s => matchesFilter(s, filter)));
        if (page.snapshots.length < LIST_PAGE_SIZE || seen >= page.totalCount)
            break;
    }
    return { snapshots, requestId };
}
/**
 * The newest snapshot that passes the filter (the listing holds at most that one): a single
 * request of one item when there is no filter.
 */
async function findLatestSnapshot(client, instanceId, filter = {}) {
    if (isFiltering(filter)) {
        const { snapshots, requestId } = await listAllSnapshots(client, instanceId, filter);
        return { snapshots: snapshots.slice(0, 1), requestId };
    }
    const page = await client.listInstanceSnapshots(instanceId, {
        pageNumber: 1,
        pageSize: 1,
        order: 'DESC'
    });
    return { snapshots: page.snapshots.slice(0, 1), requestId: page.requestId };
}
function isFiltering(filter) {
    return Boolean(filter.namePrefix || Object.keys(filter.labels ?? {}).length);
}

;// CONCATENATED MODULE: ./src/selection.ts


/** More IDs than this in one step is a mistake, not a fleet: use `all`. */
const MAX_SNAPSHOT_IDS = 100;
const KEYWORDS = new Set(['latest', 'all']);
/**
 * `snp-1`, `snp-1, snp-2` (commas or newlines), `latest` or `all`. `parseId` validates each ID, so
 * this module stays free of the ID rules.
 */
function parseSnapshotSelection(value, filter, parseId) {
    const items = value
        .split(/[,\n]/)
        .map(item => item.trim())
        .filter(Boolean);
    const keyword = items.find(item => KEYWORDS.has(item.toLowerCase()))?.toLowerCase();
    if (keyword === 'latest' || keyword === 'all') {
        if (items.length > 1) {
            throw new InputError('snapshot-id', `must be '${keyword}' alone, not mixed with snapshot IDs`);
        }
        return { kind: keyword, filter };
    }
    if (isFiltering(filter)) {
        throw new InputError('snapshot-name-prefix', "and snapshot-labels filter only snapshot-id 'latest' or 'all'; remove them or use one of those");
    }
    if (items.length > MAX_SNAPSHOT_IDS) {
        throw new InputError('snapshot-id', `lists ${items.length} IDs; at most ${MAX_SNAPSHOT_IDS} are accepted (use 'all' for every snapshot)`);
    }
    const ids = items.map(id => parseId('snapshot-id', id));
    if (ids.length === 0)
        throw new InputError('snapshot-id', 'is required');
    return { kind: 'ids', ids: [...new Set(ids)] };
}
/** `team=ml, env=prod` (commas or newlines) → `{ team: 'ml', env: 'prod' }`. */
function parseLabels(input, value) {
    const labels = {};
    for (const pair of value
        .split(/[,\n]/)
        .map(p => p.trim())
        .filter(Boolean)) {
        const at = pair.indexOf('=');
        const key = at > 0 ? pair.slice(0, at).trim() : '';
        if (!key || /[\p{Cc}]/u.test(pair)) {
            throw new InputError(input, `must be comma-separated key=value pairs such as team=ml; ${got(pair)}`);
        }
        labels[key] = pair.slice(at + 1).trim();
    }
    return labels;
}

;// CONCATENATED MODULE: ./src/inputs.ts





/** The defaults declared in action.yml (a test keeps the two equal). */
const INPUT_DEFAULTS = {
    audience: 'sts.aliyuncs.com',
    'role-duration-seconds': '3600',
    'sts-endpoint': 'sts.aliyuncs.com',
    timeout: '30m',
    'poll-interval': '5s',
    'max-poll-interval': '30s',
    'request-timeout': '30s',
    'not-found-timeout': '60s',
    'success-statuses': 'Saved',
    'failure-statuses': 'Failed',
    'job-summary': 'true',
    'max-requests-per-second': '5'
};
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ID_FORMAT = 'a plain ID of letters, digits, -, _ and . (at most 128 characters)';
const STATUS = /^[A-Za-z][A-Za-z0-9_.-]*$/;
function required(read, name) {
    const value = read(name);
    if (!value)
        throw new InputError(name, 'is required');
    return value;
}
/** IDs become URL path segments: reject anything that could change the path (`/`, `..`, `%`, `?`). */
function parseId(input, value) {
    if (value.length > 128 || !ID.test(value) || value.includes('..')) {
        throw new InputError(input, `must be ${ID_FORMAT}; ${got(value)}`);
    }
    return value;
}
function parseStatusList(input, value) {
    const statuses = value
        .split(/[,\n]/)
        .map(s => s.trim())
        .filter(Boolean);
    if (statuses.length === 0) {
        throw new InputError(input, 'must list at least one status, comma-separated (e.g. Saved)');
    }
    for (const status of statuses) {
        if (status.length > 64 || !STATUS.test(status)) {
            throw new InputError(input, `must be comma-separated status names such as Saved; ${got(status)}`);
        }
    }
    return statuses;
}
/** The YAML 1.2 core-schema booleans, as `core.getBooleanInput` accepts them. */
function parseBoolean(input, value) {
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(input, `must be true or false; ${got(value)}`);
}
/** Requests per second: a positive number, at most 100 (beyond that, throttling is certain). */
function parseRate(input, value) {
    const rate = /^\d+(?:\.\d+)?$/.test(value) ? Number(value) : NaN;
    if (!(rate > 0 && rate <= 100)) {
        throw new InputError(input, `must be a number of requests per second from 0.1 to 100; ${got(value)}`);
    }
    return rate;
}
function positiveDuration(read, name) {
    const ms = parseDuration(name, read(name));
    if (ms <= 0)
        throw new InputError(name, `must be greater than zero; ${got(read(name))}`);
    return ms;
}
/**
 * Reads and validates every input. `read` returns the trimmed input or '' (defaults from
 * action.yml are applied by the runner); `maskSecret` is called on each secret as it is read.
 */
function parseInputs(readRaw, env, maskSecret) {
    // An input given as '' (e.g. an unset expression) means "use the default", as users expect.
    const read = name => readRaw(name) || INPUT_DEFAULTS[name] || '';
    const instanceId = parseId('instance-id', required(read, 'instance-id'));
    const snapshots = parseSnapshotSelection(required(read, 'snapshot-id'), {
        namePrefix: read('snapshot-name-prefix') || undefined,
        labels: parseLabels('snapshot-labels', read('snapshot-labels'))
    }, parseId);
    const credentials = resolveCredentialSource(read, env, maskSecret);
    const regionValue = read('region') || env.ALIBABA_CLOUD_REGION_ID?.trim() || '';
    const endpointValue = read('endpoint');
    if (!regionValue && !endpointValue) {
        throw new InputError('region', 'is required (or set ALIBABA_CLOUD_REGION_ID, or give endpoint)');
    }
    const region = regionValue ? parseRegion('region', regionValue) : '';
    const endpoint = endpointValue
        ? parseEndpoint('endpoint', endpointValue)
        : defaultPaiDswEndpoint(region);
    const timeoutMs = parseDuration('timeout', read('timeout'));
    const pollIntervalMs = positiveDuration(read, 'poll-interval');
    const maxPollIntervalMs = positiveDuration(read, 'max-poll-interval');
    if (maxPollIntervalMs < pollIntervalMs) {
        throw new InputError('max-poll-interval', `must be at least poll-interval (${read('poll-interval')}); ${got(read('max-poll-interval'))}`);
    }
    const requestTimeoutMs = positiveDuration(read, 'request-timeout');
    const notFoundTimeoutMs = parseDuration('not-found-timeout', read('not-found-timeout'));
    const successStatuses = parseStatusList('success-statuses', read('success-statuses'));
    const failureStatuses = parseStatusList('failure-statuses', read('failure-statuses'));
    const overlap = successStatuses.filter(s => failureStatuses.some(f => f.toLowerCase() === s.toLowerCase()));
    if (overlap.length) {
        throw new InputError('failure-statuses', `must not repeat a status from success-statuses; both list '${overlap.join(', ')}'`);
    }
    return {
        instanceId,
        snapshots,
        maxRequestsPerSecond: parseRate('max-requests-per-second', read('max-requests-per-second')),
        region,
        endpoint,
        credentials,
        timeoutMs,
        pollIntervalMs,
        maxPollIntervalMs,
        requestTimeoutMs,
        notFoundTimeoutMs,
        successStatuses,
        failureStatuses,
        jobSummary: parseBoolean('job-summary', read('job-summary'))
    };
}

;// CONCATENATED MODULE: ./src/outputs.ts
/** Every output action.yml declares, in the order it lists them. */
const OUTPUT_NAMES = (/* unused pure expression or super */ null && ([
    'status',
    'result',
    'image-url',
    'image-id',
    'snapshot-id',
    'snapshot-name',
    'instance-id',
    'reason-code',
    'reason-message',
    'gmt-create-time',
    'gmt-modified-time',
    'labels',
    'exclude-paths',
    'request-id',
    'snapshot',
    'snapshots',
    'attempts',
    'waited-seconds'
]));
/** The step's result when several snapshots were checked: the worst of theirs. */
const RESULT_SEVERITY = ['cancelled', 'error', 'failure', 'timeout', 'success'];
function overallResult(outcomes) {
    return RESULT_SEVERITY.find(result => outcomes.some(o => o.result === result)) ?? 'error';
}
function labelsObject(labels) {
    const object = {};
    for (const label of labels ?? [])
        if (label.Key !== undefined)
            object[label.Key] = label.Value ?? '';
    return object;
}
/** One entry of the `snapshots` output. */
function snapshotSummary(outcome) {
    const s = outcome.snapshot;
    return {
        snapshotId: s?.SnapshotId || outcome.snapshotId,
        snapshotName: s?.SnapshotName ?? '',
        status: s?.Status ?? '',
        result: outcome.result,
        imageUrl: s?.ImageUrl ?? '',
        imageId: s?.ImageId ?? '',
        reasonCode: s?.ReasonCode ?? '',
        reasonMessage: s?.ReasonMessage ?? '',
        gmtCreateTime: s?.GmtCreateTime ?? '',
        gmtModifiedTime: s?.GmtModifiedTime ?? '',
        ...(outcome.result === 'success' ? {} : { message: outcome.message })
    };
}
/**
 * The outputs once the wait is over. Single-snapshot outputs describe the first snapshot (the
 * only one, usually); `result`, `attempts` and `waited-seconds` describe the whole step; unknown
 * values are left out rather than guessed.
 */
function outputsFromOutcomes(outcomes, step) {
    const first = outcomes[0];
    const s = first?.snapshot;
    const outputs = {
        result: overallResult(outcomes),
        'instance-id': s?.InstanceId || step.instanceId,
        snapshots: JSON.stringify(outcomes.filter(o => o.snapshot || o.snapshotId).map(snapshotSummary)),
        attempts: String(step.requests),
        'waited-seconds': String(Math.round(step.waitedMs / 1000))
    };
    const snapshotId = s?.SnapshotId || first?.snapshotId;
    if (snapshotId)
        outputs['snapshot-id'] = snapshotId;
    if (!s)
        return outputs;
    return {
        ...outputs,
        status: s.Status ?? '',
        'image-url': s.ImageUrl ?? '',
        'image-id': s.ImageId ?? '',
        'snapshot-name': s.SnapshotName ?? '',
        'reason-code': s.ReasonCode ?? '',
        'reason-message': s.ReasonMessage ?? '',
        'gmt-create-time': s.GmtCreateTime ?? '',
        'gmt-modified-time': s.GmtModifiedTime ?? '',
        labels: JSON.stringify(labelsObject(s.Labels)),
        'exclude-paths': JSON.stringify(s.ExcludePaths ?? []),
        'request-id': first?.requestId ?? '',
        snapshot: JSON.stringify(s)
    };
}
/** Outputs when the wait never started (bad inputs): still tell later steps what happened. */
function outputsBeforeWait(result) {
    return { result, attempts: '0', 'waited-seconds': '0' };
}

;// CONCATENATED MODULE: ./src/rate-limiter.ts
/**
 * At most `perSecond` starts per second across every caller, spaced evenly: a fleet-wide check
 * must not trip the account's API throttling, however many snapshots it waits for at once.
 * Reservations are handed out synchronously, so concurrent callers are queued in call order.
 */
function createRateLimiter(perSecond, clock) {
    const spacingMs = 1000 / perSecond;
    let nextSlot = -Infinity;
    return {
        acquire() {
            const now = clock.now();
            const slot = Math.max(now, nextSlot);
            nextSlot = slot + spacingMs;
            return slot > now ? clock.sleep(slot - now) : Promise.resolve();
        }
    };
}
/** The same transport, with every request first waiting for the shared limiter. */
function rateLimitedTransport(transport, limiter) {
    return {
        send: async (request) => {
            await limiter.acquire();
            return transport.send(request);
        },
        close: () => transport.close()
    };
}

;// CONCATENATED MODULE: ./src/backoff.ts
/**
 * Delay before poll `n + 1` (n = polls made so far, from 1): doubles from `initialMs` up to
 * `maxMs`, then takes up to 10% off at random. Jitter only shortens the delay, so the cap stays a
 * promise: a finished snapshot is noticed within `maxMs`, and many concurrent waiters still spread
 * out. `random` returns [0, 1) and is injected so simulations and tests are reproducible.
 */
function pollDelay(policy, n, random) {
    const grown = policy.initialMs * 2 ** Math.min(Math.max(n - 1, 0), 30);
    const capped = Math.min(policy.maxMs, grown);
    return Math.round(capped * (1 - 0.1 * random()));
}

;// CONCATENATED MODULE: ./src/retry-policy.ts


/** Longest server-requested pause we honour: the official SDK caps `x-acs-retry-after` alike. */
const MAX_RETRY_AFTER_MS = 120_000;
/**
 * Whether a failed poll is worth another try. Transient failures always are (within the
 * overall timeout). Two permanent-looking ones get a grace: a snapshot that is not found yet may
 * just have been created, and a host that is not found may be a resolver's blip — retried once.
 */
function decideRetry(error, state) {
    if (!(error instanceof ApiError))
        return { retry: false };
    if (error.retryable)
        return { retry: true };
    if (error.kind === 'not-found') {
        if (state.elapsedMs < state.notFoundTimeoutMs) {
            return {
                retry: true,
                note: `not found yet; a new snapshot can take a moment to appear (waiting up to ${formatDuration(state.notFoundTimeoutMs)})`
            };
        }
        return { retry: false, note: `still not found after ${formatDuration(state.elapsedMs)}` };
    }
    if (error.kind === 'host-not-found' && state.earlierOfKind === 0)
        return { retry: true };
    return { retry: false };
}
/** Decides retries for one waited-for thing, remembering how often each kind has failed. */
class FailureHistory {
    notFoundTimeoutMs;
    byKind = new Map();
    constructor(notFoundTimeoutMs) {
        this.notFoundTimeoutMs = notFoundTimeoutMs;
    }
    record(error, elapsedMs) {
        const kind = error instanceof ApiError ? error.kind : 'unexpected';
        const earlierOfKind = this.byKind.get(kind) ?? 0;
        this.byKind.set(kind, earlierOfKind + 1);
        return decideRetry(error, {
            elapsedMs,
            notFoundTimeoutMs: this.notFoundTimeoutMs,
            earlierOfKind
        });
    }
}
/** The pause a server asked for, if any, within reason. */
function serverRequestedDelay(error) {
    return error instanceof ApiError ? Math.min(error.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS) : 0;
}
/** The one log line for a failed attempt: what happened and when the next try is, never a stack. */
function retryLine(attempt, what, note, delayMs) {
    return `Attempt ${attempt}: ${what}${note ? ` (${note})` : ''}; retrying in ${formatDuration(delayMs)}`;
}

;// CONCATENATED MODULE: ./src/retry.ts



class CancelledError extends Error {
    constructor() {
        super('Cancelled');
        this.name = 'CancelledError';
    }
}
/**
 * Runs a one-off call (such as finding which snapshots to wait for) with the waiter's retry rules:
 * transient failures are retried on the polling backoff until the deadline; anything else, or
 * the last failure at the deadline, is thrown.
 */
async function retrying(operation, options) {
    const { clock } = options;
    const policy = { initialMs: options.pollIntervalMs, maxMs: options.maxPollIntervalMs };
    const failures = new FailureHistory(options.notFoundTimeoutMs);
    for (let attempt = 1;; attempt++) {
        try {
            return await operation();
        }
        catch (error) {
            if (options.signal?.aborted)
                throw new CancelledError();
            const decision = failures.record(error, clock.now() - options.startedAt);
            const remaining = options.deadline - clock.now();
            if (!decision.retry || remaining <= 0)
                throw error;
            const delay = Math.min(Math.max(pollDelay(policy, attempt, options.random), serverRequestedDelay(error)), remaining);
            options.log.info(retryLine(attempt, errorMessage(error), decision.note, delay));
            await clock.sleep(delay, options.signal);
            if (options.signal?.aborted)
                throw new CancelledError();
        }
    }
}

;// CONCATENATED MODULE: ./src/snapshot.ts
/** `ReasonCode: ReasonMessage`, or '' when the service gave no reason. */
function snapshotReason(snapshot) {
    return [snapshot?.ReasonCode, snapshot?.ReasonMessage].filter(Boolean).join(': ');
}

;// CONCATENATED MODULE: ./src/snapshot-tracker.ts




/** Statuses the API documents as in progress: anything else unexpected deserves a warning. */
const KNOWN_PENDING = new Set(['committing', 'pushing']);
/**
 * What one waited-for snapshot has been through: its statuses, failures and, once it is over,
 * its outcome. The polling loop (waiter.ts) decides when to ask; this decides what answers mean.
 */
class SnapshotTracker {
    snapshotId;
    subject;
    rules;
    log;
    outcome;
    timeline = [];
    last;
    lastError;
    polls = 0;
    success;
    failure;
    warnedUnknown = new Set();
    failures;
    constructor(snapshotId, 
    /** `snapshot snp-… of instance dsw-…`, for log lines and errors. */
    subject, rules, log) {
        this.snapshotId = snapshotId;
        this.subject = subject;
        this.rules = rules;
        this.log = log;
        this.success = new Set(rules.successStatuses.map(s => s.toLowerCase()));
        this.failure = new Set(rules.failureStatuses.map(s => s.toLowerCase()));
        this.failures = new FailureHistory(rules.notFoundTimeoutMs);
    }
    get done() {
        return this.outcome !== undefined;
    }
    observe(response, elapsedMs) {
        this.polls++;
        this.last = response;
        this.lastError = undefined;
        const status = response.snapshot.Status ?? '';
        this.log.debug(`Poll ${this.polls}: ${this.subject} is ${status || '(no status)'} (RequestId ${response.requestId})`);
        if (this.timeline.at(-1)?.status !== status) {
            this.timeline.push({ status, atMs: elapsedMs });
            this.log.info(`[${formatDuration(elapsedMs)}] ${this.subject}: ${status || '(no status)'}`);
        }
        const key = status.toLowerCase();
        if (this.success.has(key))
            return this.finish('success', `${this.subject} is ${status}`, elapsedMs);
        if (this.failure.has(key))
            return this.finish('failure', this.describeFailure(), elapsedMs);
        if (!KNOWN_PENDING.has(key) && !this.warnedUnknown.has(key)) {
            this.warnedUnknown.add(key);
            this.log.warning(`${this.subject} has status '${status}', which is neither in success-statuses ` +
                `(${this.rules.successStatuses.join(', ')}) nor in failure-statuses ` +
                `(${this.rules.failureStatuses.join(', ')}); still waiting`);
        }
    }
    /** Records a failed poll; ends the wait with `error` unless the failure is worth a retry. */
    failed(error, elapsedMs) {
        this.polls++;
        const decision = this.failures.record(error, elapsedMs);
        this.lastError = error;
        if (!decision.retry) {
            const note = decision.note ? ` (${decision.note})` : '';
            this.finish('error', `${errorMessage(error)}${note}`, elapsedMs, error);
        }
        return decision;
    }
    cancel(elapsedMs) {
        const status = this.last?.snapshot.Status;
        this.finish('cancelled', `Cancelled after ${formatDuration(elapsedMs)} while waiting for ${this.subject}` +
            (status ? ` (last status ${status})` : ''), elapsedMs);
    }
    timeOut(elapsedMs, checkedOnce) {
        const status = this.last?.snapshot.Status;
        const seen = status
            ? `its last status was ${status} (since ${formatDuration(this.timeline.at(-1)?.atMs ?? 0)} into the wait)`
            : 'no status was received';
        const error = this.lastError ? `; the last request failed: ${errorMessage(this.lastError)}` : '';
        const next = checkedOnce
            ? 'timeout is 0, so the snapshot was checked once'
            : 'raise the timeout input if the snapshot needs longer';
        this.finish('timeout', `Timed out after ${formatDuration(elapsedMs)} waiting for ${this.subject}: ${seen}${error} ` +
            `(${this.polls} request(s); ${next})`, elapsedMs, this.lastError);
    }
    finish(result, message, elapsedMs, error) {
        this.outcome = {
            result,
            message,
            snapshotId: this.snapshotId,
            snapshot: this.last?.snapshot,
            requestId: this.last?.requestId,
            status: this.last?.snapshot.Status,
            attempts: this.polls,
            waitedMs: elapsedMs,
            timeline: this.timeline,
            error
        };
    }
    describeFailure() {
        const snapshot = this.last?.snapshot ?? {};
        const reason = snapshotReason(snapshot);
        return (`${this.subject} ended with status ${snapshot.Status}` +
            (reason ? `: ${reason}` : ' (the service gave no reason)'));
    }
}

;// CONCATENATED MODULE: ./src/waiter.ts




/**
 * Polls until the snapshot reaches a success or failure status, the timeout passes, or a permanent
 * error occurs. The first poll is immediate; the last sleep is shortened so that a final poll
 * lands at the deadline. Transient errors (throttling, 5xx, network) are retried within the
 * timeout. Never throws: every ending is an outcome, so callers can always set their outputs.
 */
async function waitForSnapshot(options) {
    const id = options.snapshotId ?? '';
    const [outcome] = await waitForSnapshots({
        ...options,
        snapshotIds: [id],
        describe: () => options.subject,
        pollRound: async () => new Map([[id, await options.poll()]])
    });
    return outcome;
}
/**
 * The same wait for several snapshots whose states one round of requests tells at once (a listing),
 * each reaching its own ending; the rounds stop when every snapshot has one.
 */
async function waitForSnapshots(options) {
    const { clock, log } = options;
    const started = clock.now();
    const elapsed = () => clock.now() - started;
    const deadline = started + options.timeoutMs;
    const policy = { initialMs: options.pollIntervalMs, maxMs: options.maxPollIntervalMs };
    const trackers = options.snapshotIds.map(id => new SnapshotTracker(id, options.describe(id), options, log));
    const pending = () => trackers.filter(t => !t.done);
    const outcomes = () => trackers.map(t => t.outcome);
    let round = 0;
    for (;;) {
        round++;
        let delay = pollDelay(policy, round, options.random);
        const asked = pending();
        const retries = [];
        try {
            const answers = await options.pollRound(asked.map(t => t.snapshotId));
            for (const tracker of asked) {
                const answer = answers.get(tracker.snapshotId);
                if (answer) {
                    tracker.observe(answer, elapsed());
                    continue;
                }
                // Only a listing can leave a snapshot out: it was deleted, or not listed yet.
                const error = new ApiError({
                    operation: 'ListInstanceSnapshot',
                    kind: 'not-found',
                    serviceMessage: 'snapshot is no longer listed (deleted?)'
                });
                const decision = tracker.failed(error, elapsed());
                if (decision.retry) {
                    retries.push({ what: `${tracker.subject}: ${errorMessage(error)}`, note: decision.note });
                }
            }
        }
        catch (error) {
            if (options.signal?.aborted)
                break;
            // One failed request fails the round for every snapshot it asked about.
            const [decision] = asked.map(tracker => tracker.failed(error, elapsed()));
            if (decision?.retry)
                retries.push({ what: errorMessage(error), note: decision.note });
            delay = Math.max(delay, serverRequestedDelay(error));
        }
        if (pending().length === 0)
            return outcomes();
        const remaining = deadline - clock.now();
        if (remaining <= 0) {
            for (const tracker of pending())
                tracker.timeOut(elapsed(), options.timeoutMs === 0);
            return outcomes();
        }
        for (const { what, note } of retries) {
            log.info(retryLine(round, what, note, Math.min(delay, remaining)));
        }
        await clock.sleep(Math.min(delay, remaining), options.signal);
        if (options.signal?.aborted)
            break;
    }
    for (const tracker of pending())
        tracker.cancel(elapsed());
    return outcomes();
}

;// CONCATENATED MODULE: ./src/snapshot-check.ts





/**
 * Waits for the snapshots the inputs select — one or several IDs, the latest, or all of an
 * instance's — and returns one outcome per snapshot (or one describing why none could be found).
 * Listings double as polls: a status already read from a list page is not asked for again.
 */
async function checkSnapshots(inputs, deps) {
    const { client, clock } = deps;
    const { instanceId, snapshots: selection } = inputs;
    const started = clock.now();
    const subject = (id) => `snapshot ${id} of instance ${instanceId}`;
    const polling = () => ({
        ...inputs,
        // What finding the snapshots took comes off the overall timeout.
        timeoutMs: Math.max(0, inputs.timeoutMs - (clock.now() - started)),
        clock,
        random: deps.random,
        log: deps.log,
        signal: deps.signal
    });
    if (selection.kind === 'ids') {
        return Promise.all(selection.ids.map(id => waitForSnapshot({
            ...polling(),
            snapshotId: id,
            subject: subject(id),
            poll: () => client.getInstanceSnapshot(instanceId, id)
        })));
    }
    const what = `${selection.kind === 'latest' ? 'the latest snapshot' : 'the snapshots'} of instance ${instanceId}${describeFilter(selection.filter)}`;
    let listing;
    try {
        listing = await retrying(() => selection.kind === 'latest'
            ? findLatestSnapshot(client, instanceId, selection.filter)
            : listAllSnapshots(client, instanceId, selection.filter), {
            ...inputs,
            deadline: started + inputs.timeoutMs,
            startedAt: started,
            clock,
            random: deps.random,
            log: deps.log,
            signal: deps.signal
        });
    }
    catch (error) {
        return [resolutionFailed(error)];
    }
    if (listing.snapshots.length === 0) {
        return [
            unresolved('error', `Instance ${instanceId} has no snapshots${describeFilter(selection.filter)}: check instance-id` +
                (isFiltering(selection.filter) ? ' and the filters' : ''))
        ];
    }
    deps.log.info(selection.kind === 'latest'
        ? `The latest snapshot of instance ${instanceId}${describeFilter(selection.filter)} is ${listing.snapshots[0]?.SnapshotId}`
        : `Checking ${listing.snapshots.length} snapshot(s) of instance ${instanceId}${describeFilter(selection.filter)}`);
    // The listing already tells each status: it serves as the first poll.
    let firstRound = listing;
    const takeFirstRound = () => {
        const round = firstRound;
        firstRound = undefined;
        return round;
    };
    if (selection.kind === 'latest') {
        const id = listing.snapshots[0]?.SnapshotId ?? '';
        return [
            await waitForSnapshot({
                ...polling(),
                snapshotId: id,
                subject: subject(id),
                poll: async () => {
                    const round = takeFirstRound();
                    return round
                        ? { snapshot: round.snapshots[0], requestId: round.requestId }
                        : client.getInstanceSnapshot(instanceId, id);
                }
            })
        ];
    }
    return waitForSnapshots({
        ...polling(),
        snapshotIds: listing.snapshots.map(s => s.SnapshotId ?? ''),
        describe: subject,
        pollRound: async () => {
            const round = takeFirstRound() ?? (await listAllSnapshots(client, instanceId));
            return new Map(round.snapshots.map(snapshot => [
                snapshot.SnapshotId ?? '',
                { snapshot, requestId: round.requestId }
            ]));
        }
    });
    function unresolved(result, message) {
        return {
            result,
            message,
            snapshotId: '',
            attempts: 0,
            waitedMs: clock.now() - started,
            timeline: []
        };
    }
    function resolutionFailed(error) {
        if (error instanceof CancelledError) {
            return unresolved('cancelled', `Cancelled after ${formatDuration(clock.now() - started)} while looking for ${what}`);
        }
        const transient = error instanceof ApiError && error.retryable;
        return {
            ...unresolved(transient ? 'timeout' : 'error', `Could not find ${what}: ${errorMessage(error)}`),
            error
        };
    }
}

;// CONCATENATED MODULE: ./src/summary.ts




const RESULT_SYMBOL = {
    success: '✅',
    failure: '❌',
    timeout: '⏱️',
    error: '⚠️',
    cancelled: '⏹️'
};
const RESULT_LABEL = {
    success: 'Success',
    failure: 'Failure',
    timeout: 'Timed out',
    error: 'Error',
    cancelled: 'Cancelled'
};
/** Failures first in the report: the order a person reading it cares about. */
const REPORT_ORDER = ['failure', 'error', 'timeout', 'cancelled', 'success'];
async function workflowRunUrl() {
    // Loaded only here: @actions/github is large and only the summary needs it.
    const { context } = await __nccwpck_require__.e(/* import() */ 413).then(__nccwpck_require__.bind(__nccwpck_require__, 2413));
    if (!context.runId || !process.env.GITHUB_REPOSITORY)
        return undefined;
    const { owner, repo } = context.repo;
    return `${context.serverUrl}/${owner}/${repo}/actions/runs/${context.runId}`;
}
/**
 * Loads @actions/github, which the summary needs for the run's link, once the action has been
 * running for `afterMs`: that is, while it sits idle between polls rather than after the snapshot
 * is Saved. (Importing @actions/github takes ~80 ms: it sets up Octokit and two HTTP clients.)
 * The timer does not keep the process alive, so a run that ends sooner never loads it early.
 */
function warmUpJobSummary(afterMs) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    // A failure here shows again, as a warning, when the summary itself imports the module.
    setTimeout(() => __nccwpck_require__.e(/* import() */ 413).then(__nccwpck_require__.bind(__nccwpck_require__, 2413)).catch(() => undefined), afterMs).unref();
}
/** Writes the job summary; a summary is a nicety, so its failures are only warnings. */
async function writeJobSummary(outcomes, step) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        const [only] = outcomes;
        if (outcomes.length === 1 && only)
            addSnapshotDetails(only, step);
        else
            addFleetReport(outcomes, step);
        const runUrl = await workflowRunUrl();
        if (runUrl)
            summary.addLink('Workflow run', runUrl);
        await summary.write();
    }
    catch (error) {
        warning(`Could not write the job summary: ${error instanceof Error ? error.message : error}`);
    }
}
function addSnapshotDetails(outcome, step) {
    const s = outcome.snapshot;
    const labels = (s?.Labels ?? []).map(l => `${l.Key}=${l.Value}`).join(', ');
    const rows = [
        ['Result', `${RESULT_SYMBOL[outcome.result]} ${RESULT_LABEL[outcome.result]}`],
        [
            'Snapshot',
            escapeHtml(`${s?.SnapshotId || outcome.snapshotId || '—'}${s?.SnapshotName ? ` (${s.SnapshotName})` : ''}`)
        ],
        ['Instance', escapeHtml(s?.InstanceId || step.instanceId)],
        ['Status', escapeHtml(s?.Status || '—')],
        ['Image URL', s?.ImageUrl ? `<code>${escapeHtml(s.ImageUrl)}</code>` : '—'],
        ['Created', escapeHtml(s?.GmtCreateTime || '—')],
        ['Modified', escapeHtml(s?.GmtModifiedTime || '—')],
        ['Labels', labels ? escapeHtml(labels) : '—'],
        ['Requests', `${step.requests} in ${formatDuration(step.waitedMs)}`]
    ];
    if (outcome.result !== 'success')
        rows.push(['Why', escapeHtml(outcome.message)]);
    summary
        .addHeading('PAI-DSW snapshot', 2)
        .addTable(rows.map(([k, v]) => [{ data: k, header: true }, v]));
    if (outcome.timeline.length) {
        summary.addHeading('Status timeline', 3).addTable([
            [
                { data: 'After', header: true },
                { data: 'Status', header: true }
            ],
            ...outcome.timeline.map(c => [formatDuration(c.atMs), escapeHtml(c.status || '—')])
        ]);
    }
}
function addFleetReport(outcomes, step) {
    const result = overallResult(outcomes);
    const totals = REPORT_ORDER.map(r => [r, outcomes.filter(o => o.result === r).length])
        .filter(([, count]) => count > 0)
        .map(([r, count]) => `${RESULT_SYMBOL[r]} ${count} ${RESULT_LABEL[r].toLowerCase()}`)
        .join(' · ');
    const sorted = [...outcomes].sort((a, b) => REPORT_ORDER.indexOf(a.result) - REPORT_ORDER.indexOf(b.result));
    summary
        .addHeading(`PAI-DSW snapshots of ${escapeHtml(step.instanceId)}`, 2)
        .addRaw(`<p><strong>${RESULT_SYMBOL[result]} ${outcomes.length} snapshot(s)</strong>: ${totals} ` +
        `(${step.requests} request(s) in ${formatDuration(step.waitedMs)})</p>`, true)
        .addTable([
        ['Snapshot', 'Status', 'Image URL', 'Age', 'Reason'].map(data => ({ data, header: true })),
        ...sorted.map(o => {
            const s = o.snapshot;
            const name = s?.SnapshotName ? ` (${s.SnapshotName})` : '';
            const created = Date.parse(s?.GmtCreateTime ?? '');
            return [
                escapeHtml(`${s?.SnapshotId || o.snapshotId || '—'}${name}`),
                `${RESULT_SYMBOL[o.result]} ${escapeHtml(s?.Status || RESULT_LABEL[o.result])}`,
                s?.ImageUrl ? `<code>${escapeHtml(s.ImageUrl)}</code>` : '—',
                Number.isNaN(created) ? '—' : formatAge(step.now - created),
                o.result === 'success' ? '' : escapeHtml(reasonOf(o))
            ];
        })
    ]);
}
function reasonOf(outcome) {
    const reason = snapshotReason(outcome.snapshot);
    return outcome.result === 'failure' && reason ? reason : outcome.message;
}
/** Ages read at a glance: `3d`, `5h`, `12m`. */
function formatAge(ms) {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    if (minutes >= 2 * 24 * 60)
        return `${Math.floor(minutes / (24 * 60))}d`;
    if (minutes >= 120)
        return `${Math.floor(minutes / 60)}h`;
    return `${minutes}m`;
}
function escapeHtml(text) {
    return text.replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

;// CONCATENATED MODULE: ./src/main.ts












const defaults = {
    env: process.env,
    clock: systemClock,
    random: Math.random,
    createTransport: createUndiciTransport,
    getIDToken: audience => getIDToken(audience)
};
function setOutputs(outputs) {
    for (const [name, value] of Object.entries(outputs))
        setOutput(name, value);
}
/** Longest list of failed snapshots in the final error; the summary and `snapshots` have all. */
const MAX_LISTED_FAILURES = 20;
/** The action: the one place where every ending becomes outputs plus, if need be, `setFailed`. */
async function run(overrides = {}) {
    const deps = { ...defaults, ...overrides };
    let outputs;
    try {
        const inputs = parseInputs(name => getInput(name), deps.env, setSecret);
        // Load what the summary needs while the wait sits idle, not after the snapshot is ready.
        if (inputs.jobSummary)
            warmUpJobSummary(1000);
        const started = deps.clock.now();
        const { outcomes, requests } = await checkWithClient(inputs, deps);
        const step = {
            instanceId: inputs.instanceId,
            requests,
            waitedMs: deps.clock.now() - started,
            now: deps.clock.now()
        };
        outputs = outputsFromOutcomes(outcomes, step);
        setOutputs(outputs);
        if (inputs.jobSummary)
            await writeJobSummary(outcomes, step);
        const failed = outcomes.filter(o => o.result !== 'success');
        if (failed.length === 0) {
            for (const o of outcomes)
                info(`${o.message}: ${o.snapshot?.ImageUrl}`);
        }
        else if (outcomes.length === 1) {
            setFailed(failed[0].message);
        }
        else {
            // Each failure is its own annotation; the step's error lists them.
            for (const o of failed)
                error(o.message, { title: `Snapshot ${o.snapshotId} (${o.result})` });
            const listed = failed.slice(0, MAX_LISTED_FAILURES).map(o => `- ${o.message}`);
            if (failed.length > listed.length)
                listed.push(`- … and ${failed.length - listed.length} more`);
            setFailed(`${failed.length} of ${outcomes.length} snapshots did not succeed:\n${listed.join('\n')}`);
        }
    }
    catch (error) {
        // Bad inputs, or a bug: later steps still learn that this step ended in error.
        const cancelled = deps.signal?.aborted === true;
        if (!outputs)
            setOutputs(outputsBeforeWait(cancelled ? 'cancelled' : 'error'));
        // Expected failures explain themselves; anything else is a bug, whose stack helps with debug on.
        const explained = [InputError, ApiError, CredentialsError].some(type => error instanceof type);
        if (!explained && error instanceof Error) {
            debug(error.stack ?? '');
        }
        setFailed(cancelled ? `Cancelled: ${errorMessage(error)}` : errorMessage(error));
    }
}
async function checkWithClient(inputs, deps) {
    // One limit for every API call of the step, however many snapshots it waits for.
    const limiter = createRateLimiter(inputs.maxRequestsPerSecond, deps.clock);
    const transport = rateLimitedTransport(deps.createTransport(deps.env), limiter);
    const credentials = createCredentialProvider(inputs.credentials, {
        ...deps,
        transport,
        maskSecret: setSecret,
        requestTimeoutMs: inputs.requestTimeoutMs,
        log: { info: info, warning: warning }
    });
    const client = new PaiDswClient({
        endpoint: inputs.endpoint,
        credentials: () => credentials.get(),
        transport,
        requestTimeoutMs: inputs.requestTimeoutMs,
        signal: deps.signal,
        onClockSkew: warning
    });
    const what = inputs.snapshots.kind === 'ids'
        ? `snapshot ${inputs.snapshots.ids.join(', ')}`
        : `${inputs.snapshots.kind} snapshot(s)`;
    info(`Credentials: ${credentials.description}`);
    info(`Waiting up to ${formatDuration(inputs.timeoutMs)} for ${what} of instance ` +
        `${inputs.instanceId} at ${inputs.endpoint.host}`);
    try {
        // Credentials that cannot be had fail here, before any PAI-DSW request.
        await credentials.get();
        const outcomes = await checkSnapshots(inputs, {
            client,
            clock: deps.clock,
            random: deps.random,
            log: { info: info, warning: warning, debug: debug },
            signal: deps.signal
        });
        return { outcomes, requests: client.requestCount };
    }
    finally {
        await transport.close();
    }
}


/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 99:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:sqlite");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 7997:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 1137:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

// Stands in for @actions/exec inside dist/ only, like actions-http-client.cjs: @actions/core
// imports it (and child_process, net, assert) at start-up for core.platform, which this action
// never uses. It stays in dist/index.js, small as it is, and runs on first use.

const { defineLazyExports } = __nccwpck_require__(4892)

defineLazyExports(exports, () => __nccwpck_require__(640), [
  'exec',
  'getExecOutput'
])


/***/ }),

/***/ 7990:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

// Stands in for @actions/http-client inside dist/ only: tsconfig.json "paths", which ncc honours,
// sends the package's importers here. @actions/core imports it, and undici 6 with it, at start-up
// just for getIDToken, which this action never calls: parsing and running that code was most of
// the action's start-up time. The real package is bundled on its own into
// dist/actions-http-client/ and loaded from there, by Node's own require, on first use.

/* global __non_webpack_require__ -- webpack's name for Node's own require (webpack-globals.d.ts) */
const { defineLazyExports } = __nccwpck_require__(4892)

defineLazyExports(exports, () => __WEBPACK_EXTERNAL_createRequire(import.meta.url)('./actions-http-client/index.cjs'), [
  'HttpClient',
  'HttpClientError',
  'HttpClientResponse',
  'HttpCodes',
  'Headers',
  'MediaTypes',
  'getProxyUrl',
  'isHttps'
])


/***/ }),

/***/ 4892:
/***/ ((module) => {

// Shared by the bundle-only stand-ins in this folder.


/**
 * Defines each of `names` on `target` as a getter that loads the real module the first time any of
 * them is read: importing the stand-in costs nothing, using it behaves like the real thing.
 * @param {Record<string, unknown>} target
 * @param {() => Record<string, unknown>} load
 * @param {readonly string[]} names
 */
function defineLazyExports(target, load, names) {
  /** @type {Record<string, unknown> | undefined} */
  let loaded
  for (const name of names) {
    Object.defineProperty(target, name, { enumerable: true, get: () => (loaded ??= load())[name] })
  }
}

module.exports = { defineLazyExports }


/***/ }),

/***/ 640:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

// ESM COMPAT FLAG
__nccwpck_require__.r(__webpack_exports__);

// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  exec: () => (/* binding */ exec),
  getExecOutput: () => (/* binding */ getExecOutput)
});

// EXTERNAL MODULE: external "string_decoder"
var external_string_decoder_ = __nccwpck_require__(3193);
// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: external "events"
const external_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_.constants.O_RDONLY;
function exists(fsPath) {
    return __awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return __awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return __awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_.dirname(filePath);
                        const upperName = external_path_.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_namespaceObject.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_.EOL.length);
                n = s.indexOf(external_os_.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_namespaceObject.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new external_string_decoder_.StringDecoder('utf8');
        const stderrDecoder = new external_string_decoder_.StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		id: moduleId,
/******/ 		loaded: false,
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Flag the module as loaded
/******/ 	module.loaded = true;
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/node module decorator */
/******/ (() => {
/******/ 	__nccwpck_require__.nmd = (module) => {
/******/ 		module.paths = [];
/******/ 		if (!module.children) module.children = [];
/******/ 		return module;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
