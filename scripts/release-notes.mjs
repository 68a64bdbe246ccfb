// Prints the CHANGELOG.md section of one release, for the GitHub Release's notes:
//   node scripts/release-notes.mjs v1.2.3   (or 1.2.3)
// Fails, saying why, when the version is not X.Y.Z, when it differs from package.json's, or when
// CHANGELOG.md has no section for it (or an empty one). The release workflow and .ci/run use it.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))

/**
 * The body of the `## [X.Y.Z]` section (Keep a Changelog), without its heading; undefined when
 * there is no such section.
 * @param {string} changelog
 * @param {string} version
 */
function changelogSection(changelog, version) {
  const lines = changelog.split(/\r?\n/)
  const heading = new RegExp(`^## \\[?${version.replace(/\./g, '\\.')}\\]?(?:\\s|$)`)
  const start = lines.findIndex(line => heading.test(line))
  if (start < 0) return undefined
  const end = lines.findIndex((line, i) => i > start && /^## /.test(line))
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .trim()
}

/** @param {string} message */
function fail(message) {
  // A workflow command, so the release run shows it as an error annotation.
  console.error(`::error title=Release notes::${message}`)
  process.exit(1)
}

const tag = process.argv[2] ?? ''
const version = tag.replace(/^v/, '')
if (!/^\d+\.\d+\.\d+$/.test(version)) fail(`expected a version vX.Y.Z, got ${JSON.stringify(tag)}`)
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8'))
if (pkg.version !== version) {
  fail(`the tag says ${version} but package.json says ${pkg.version}: bump package.json first`)
}
const notes = changelogSection(readFileSync(`${ROOT}CHANGELOG.md`, 'utf8'), version)
if (notes === undefined) fail(`CHANGELOG.md has no '## [${version}]' section: add one`)
if (!notes) fail(`the '## [${version}]' section of CHANGELOG.md is empty`)
console.log(notes)
