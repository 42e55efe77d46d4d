/**
 * A timestamp cursor for APIs whose "changed since" filter is inclusive, whose timestamps tie,
 * and where a write can commit late with a timestamp older than the newest already handed out.
 *
 * The next poll asks for everything changed at or after `from`, which trails the newest
 * timestamp handled by a look-back margin; every record handled at or after `from` is kept in
 * `seen` (as `key` = id and version), so a re-read record is not emitted twice and a late commit
 * inside the margin is still emitted once. The memory is bounded: past `maxKeys`, `from` moves up
 * to the newest timestamps that fit (all keys of that timestamp kept), so a bound reached costs
 * late commits inside the margin, never a duplicate.
 */
import { compareInstants } from '../validation';

export interface SeenCursor {
	/** Lower bound (inclusive) of the next poll's query, and of what may be emitted. */
	from: string;
	/** The newest timestamp handled. */
	at?: string;
	/** [timestamp, key] of the records handled at or after `from`, oldest first. */
	seen: Array<[string, string]>;
}

export interface SeenOptions {
	lookbackMs: number;
	maxKeys: number;
}

const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$/;

/**
 * `instant` moved back by `ms`, in the same style (a timestamp without offset stays without
 * one; both are read as UTC, as compareInstants does). Rounded down to the millisecond: never later.
 */
export function earlierInstant(instant: string, ms: number): string {
	const match = INSTANT.exec(instant);
	if (!match) return instant;
	const zone = match[3] ?? '';
	const base = Date.parse(`${match[1]}${match[2] ?? ''}${zone || 'Z'}`);
	if (Number.isNaN(base)) return instant;
	const moved = new Date(base - ms).toISOString();
	if (!zone) return moved.slice(0, -1);
	return zone === 'Z' || zone === 'z' ? moved : moved.replace(/Z$/, '+00:00');
}

export class SeenWindow {
	private readonly keys: Set<string>;
	private readonly entries: Array<[string, string]>;

	constructor(
		private readonly cursor: SeenCursor,
		private readonly options: SeenOptions,
	) {
		this.entries = Array.isArray(cursor.seen)
			? cursor.seen.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string')
			: [];
		this.keys = new Set(this.entries.map((e) => e[1]));
	}

	/** Whether a record at `timestamp` may be emitted: inside the window and not handled before. */
	isNew(timestamp: string, key: string): boolean {
		return compareInstants(timestamp, this.cursor.from) >= 0 && !this.keys.has(key);
	}

	/** The cursor moves past a record (emitted or skipped). */
	pass(timestamp: string, key: string): void {
		if (compareInstants(timestamp, this.cursor.from) < 0) return;
		if (!this.keys.has(key)) {
			this.keys.add(key);
			this.entries.push([timestamp, key]);
		}
		if (this.cursor.at === undefined || compareInstants(timestamp, this.cursor.at) > 0) this.cursor.at = timestamp;
	}

	/** Writes the window back: `from` trails the newest timestamp by the margin, within the bound. */
	store(): void {
		const cursor = this.cursor;
		if (cursor.at !== undefined) {
			const trailing = earlierInstant(cursor.at, this.options.lookbackMs);
			if (compareInstants(trailing, cursor.from) > 0) cursor.from = trailing;
		}
		const sorted = this.entries
			.filter((e) => compareInstants(e[0], cursor.from) >= 0)
			.sort((a, b) => compareInstants(a[0], b[0]));
		if (sorted.length > this.options.maxKeys) {
			// Keep the newest timestamps that fit; every key of the boundary timestamp stays.
			const boundary = sorted[sorted.length - this.options.maxKeys][0];
			cursor.from = boundary;
			cursor.seen = sorted.filter((e) => compareInstants(e[0], boundary) >= 0);
		} else {
			cursor.seen = sorted;
		}
	}
}
