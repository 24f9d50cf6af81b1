/**
 * `docker history` rows as docker/cli's historyContext gives them to a format (formatter_history.go):
 * ID (the image's own entry; `<missing>` below it), CreatedSince, CreatedAt, CreatedBy (tabs as
 * spaces, cut to 45 characters unless --no-trunc), Size, Comment.
 */
import { humanSize } from '../../build/index.ts';
import { ellipsis } from '../commands/history.ts';
import { createdAgo, type StoredImage } from '../state/store.ts';
import { contextType } from './format-context.ts';

export const DEFAULT_HISTORY_TABLE = 'table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}';

export const HISTORY_HEADERS = { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' };

export const HISTORY_CONTEXT = contextType('image.historyContext', Object.keys(HISTORY_HEADERS));

/** Newest entry first; every entry carries the image's creation time (layers keep no time of their own here). */
export function historyFields(image: StoredImage, now: number | null, noTrunc: boolean): Record<string, string>[] {
  const createdAt = new Date(image.created ?? 0).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [...image.image.history].reverse().map((h, i) => {
    const createdBy = h.createdBy.replace(/\t/g, ' ');
    return {
      ID: i > 0 ? '<missing>' : noTrunc ? `sha256:${image.id}` : image.id.slice(0, 12),
      CreatedSince: createdAgo(image.created, now),
      CreatedAt: createdAt,
      CreatedBy: noTrunc ? createdBy : ellipsis(createdBy, 45),
      Size: humanSize(h.size),
      Comment: h.comment,
    };
  });
}
