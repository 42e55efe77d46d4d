/**
 * Where the rezStream Trigger is in the /reservations/updated stream, and what "new" means.
 *
 * The stream is ordered by (updatedAt, id) and a reservation moves to its end whenever it
 * changes, so "everything after the last reservation handled" is exactly what has not been seen
 * in its current state. Every position comes from the API's own answers, never from the clock
 * of the n8n host.
 */
import type { IDataObject } from 'n8n-workflow';

import { compareInstants } from '../../shared/validation';

export const CURSOR_VERSION = 2;

export interface Cursor {
	/** The `from` of every request: the start chosen, or the API's own time at activation minus a margin. */
	from: string;
	/** updatedAt and id of the last reservation handled; absent before the first one. */
	afterAt?: string;
	afterId?: string;
	/**
	 * Start = Now, until the drain has passed it: the API's own time at activation. Changes
	 * stamped at or before it are old (not emitted). The poll that activates also counts every
	 * change it reads as old (present at activation) and moves this up to the newest of them.
	 */
	primeUntil?: string;
	/** "New only": reservations made after this moment have not been seen before. Moves when a drain completes. */
	newSince?: string;
	/** "New only": ids already seen whose madeAt equals `newSince` (the tie at the boundary). */
	boundaryIds: string[];
	/** "New only": reservations emitted as new during a drain that has not completed yet. */
	newIds: string[];
	/** "New only": reservations without madeAt that were emitted as new (decided by id). */
	noMadeAtIds: string[];
	/** Details that failed, with their tries (bounded). */
	failedFetches: unknown[];
	/** Polls in a row that ended at the budget without progress. */
	stalls: number;
}

export interface Reservation extends IDataObject {
	id: string;
	updatedAt: string;
	madeAt?: string;
	status?: string;
}

/** Bounds of the "new only" memory. */
export const MAX_NEW_IDS = 10_000;
export const MAX_BOUNDARY_IDS = 1_000;
export const MAX_NO_MADE_AT_IDS = 10_000;

export function freshCursor(from: string, primeUntil?: string): Cursor {
	return {
		from,
		primeUntil,
		newSince: primeUntil ?? from,
		boundaryIds: [],
		newIds: [],
		noMadeAtIds: [],
		failedFetches: [],
		stalls: 0,
	};
}

/** A cursor of version 1 (before this shape) keeps its position. */
export function upgradeCursor(v1: IDataObject): Cursor {
	const cursor = freshCursor(String(v1.from));
	if (typeof v1.afterAt === 'string' && typeof v1.afterId === 'string') {
		cursor.afterAt = v1.afterAt;
		cursor.afterId = v1.afterId;
	}
	if (typeof v1.newSince === 'string') cursor.newSince = v1.newSince;
	if (Array.isArray(v1.newIds)) cursor.newIds = (v1.newIds as unknown[]).filter((x): x is string => typeof x === 'string');
	return cursor;
}

export function normaliseCursor(stored: Cursor): Cursor {
	return {
		...freshCursor(stored.from),
		...stored,
		boundaryIds: stored.boundaryIds ?? [],
		newIds: stored.newIds ?? [],
		noMadeAtIds: stored.noMadeAtIds ?? [],
		failedFetches: stored.failedFetches ?? [],
		stalls: stored.stalls ?? 0,
	};
}

/**
 * "New only" during one drain. A reservation is new when it was made after `newSince`, or
 * exactly at it without having been seen there; and it has not been emitted as new already.
 * Without madeAt, it is new the first time its id is met (remembered, bounded).
 */
export class NewnessTracker {
	private readonly newIds: Set<string>;
	private readonly boundaryIds: Set<string>;
	private readonly noMadeAtIds: Set<string>;

	constructor(private readonly cursor: Cursor) {
		this.newIds = new Set(cursor.newIds);
		this.boundaryIds = new Set(cursor.boundaryIds);
		this.noMadeAtIds = new Set(cursor.noMadeAtIds);
	}

	/** Decides, and remembers, whether `reservation` is new. Call once per reservation read. */
	isNew(reservation: Reservation, old: boolean): boolean {
		const { id, madeAt } = reservation;
		if (old) {
			if (madeAt === undefined) this.noMadeAtIds.add(id);
			return false;
		}
		if (this.newIds.has(id)) return false;
		if (typeof madeAt !== 'string' || madeAt === '') {
			if (this.noMadeAtIds.has(id)) return false;
			this.noMadeAtIds.add(id);
			this.newIds.add(id);
			return true;
		}
		const since = this.cursor.newSince;
		const order = since === undefined ? 1 : compareInstants(madeAt, since);
		const fresh = order > 0 || (order === 0 && !this.boundaryIds.has(id));
		if (fresh) this.newIds.add(id);
		return fresh;
	}

	/**
	 * Writes the memory back. When the drain caught up, everything made up to the last
	 * reservation handled has been seen: `newSince` moves there, and the ids made exactly at
	 * that moment are kept for the tie.
	 */
	store(caughtUp: boolean, seenMadeAt: Map<string, string>): void {
		const cursor = this.cursor;
		if (caughtUp) {
			const target = cursor.afterAt ?? cursor.newSince ?? cursor.from;
			if (cursor.newSince === undefined || compareInstants(target, cursor.newSince) > 0) {
				cursor.newSince = target;
				this.boundaryIds.clear();
			}
			for (const [id, madeAt] of seenMadeAt) {
				if (compareInstants(madeAt, cursor.newSince) === 0) this.boundaryIds.add(id);
			}
			cursor.newIds = [];
		} else {
			for (const [id, madeAt] of seenMadeAt) {
				if (cursor.newSince !== undefined && compareInstants(madeAt, cursor.newSince) === 0) this.boundaryIds.add(id);
			}
			// Insertion order is kept, so the oldest ids are the ones dropped at the bound.
			cursor.newIds = [...this.newIds].slice(-MAX_NEW_IDS);
		}
		cursor.boundaryIds = [...this.boundaryIds].slice(-MAX_BOUNDARY_IDS);
		cursor.noMadeAtIds = [...this.noMadeAtIds].slice(-MAX_NO_MADE_AT_IDS);
	}
}
