// Written by scripts/build.mjs from package.json: do not edit.
export const ACTION_NAME = 'wait-for-pai-dsw-snapshot'
export const ACTION_VERSION = '1.0.0'
