/**
 * Bounded bookkeeping of records whose extra fetch keeps failing (a detail that answers 404
 * for a purged record, or 500 for a corrupt one), kept in the cursor across polls. After
 * `maxTries` polls the record is given up on (emitted with the error) so that one poison
 * record cannot block a stream. Like Gmail's failed-fetch list: oldest entries drop first.
 */
import { mapBounded } from '../transport/paging/bounded';

export interface FailedFetch {
	/** The record in the state that failed (id and version): a new version starts afresh. */
	key: string;
	tries: number;
	error: string;
}

export const MAX_FAILED_FETCHES = 100;
export const MAX_FETCH_TRIES = 3;

export class FailedFetchList {
	private readonly entries: FailedFetch[];

	constructor(
		stored: unknown,
		private readonly maxTries = MAX_FETCH_TRIES,
		private readonly maxEntries = MAX_FAILED_FETCHES,
	) {
		this.entries = Array.isArray(stored)
			? (stored as FailedFetch[]).filter(
					(e) => e && typeof e.key === 'string' && typeof e.tries === 'number',
				)
			: [];
	}

	/** Records one more failed try; true when the record has now used up its tries. */
	fail(key: string, error: string): boolean {
		let entry = this.entries.find((e) => e.key === key);
		if (!entry) {
			entry = { key, tries: 0, error };
			this.entries.push(entry);
			if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
		}
		entry.tries++;
		entry.error = error.slice(0, 200);
		return entry.tries >= this.maxTries;
	}

	tries(key: string): number {
		return this.entries.find((e) => e.key === key)?.tries ?? 0;
	}

	forget(key: string): void {
		const index = this.entries.findIndex((e) => e.key === key);
		if (index >= 0) this.entries.splice(index, 1);
	}

	toJSON(): FailedFetch[] {
		return this.entries.map((e) => ({ ...e }));
	}
}

/** Whether a failed fetch is about that one record (so it may be given up on), not about access or the connection. */
export function isRecordFailure(error: unknown): boolean {
	const code = Number((error as { httpCode?: unknown } | undefined)?.httpCode);
	if (!Number.isFinite(code)) return false;
	return code === 404 || code === 410 || code === 422 || (code >= 500 && code <= 599) || code === 200;
}

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/** Runs `task` for 0..count-1 with at most `concurrency` in flight; every outcome is kept, in order. */
export async function mapSettled<R>(
	count: number,
	concurrency: number,
	task: (i: number) => Promise<R>,
): Promise<Array<Settled<R>>> {
	return await mapBounded(count, concurrency, async (i): Promise<Settled<R>> => {
		try {
			return { ok: true, value: await task(i) };
		} catch (error) {
			return { ok: false, error };
		}
	});
}
