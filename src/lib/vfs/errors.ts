/** Filesystem errors as values, worded as Linux's strerror words them. */
import type { FsError, FsErrorCode, FsResult } from './types.ts';

const STRERROR: Readonly<Record<FsErrorCode, string>> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EEXIST: 'File exists',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  ELOOP: 'Too many levels of symbolic links',
  ENOTEMPTY: 'Directory not empty',
  EINVAL: 'Invalid argument',
  EPERM: 'Operation not permitted',
  EBUSY: 'Device or resource busy',
};

export const fsError = (code: FsErrorCode, path: string): FsError => ({
  code,
  path,
  message: STRERROR[code],
});

/** A failed FsResult, for returning straight from an operation. */
export const fail = (code: FsErrorCode, path: string): FsResult<never> => ({
  ok: false,
  error: fsError(code, path),
});
