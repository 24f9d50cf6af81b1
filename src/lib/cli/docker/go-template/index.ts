/**
 * Go's text/template, as docker's `--format` runs it: parse with docker's functions, execute over Go
 * values seen through a Go type or as decoded JSON, print and fail in Go's words.
 */
export { parseTemplate, type Template } from './parse.ts';
export { executeTemplate, type ExecOptions } from './exec.ts';
export { FUNCTION_NAMES, HEADER_FUNCTIONS } from './functions.ts';
export { BOOL, dynamic, goDuration, goFloat, INT, STRING, STRINGS, unbox, type GoField, type GoType, type GoValue, type Val } from './values.ts';
