/**
 * At-least-once deliveries: drops an event ID seen before inside a bounded window, per trigger.
 * The window lives in the memory of the n8n process (static data is not written on every
 * delivery, and concurrent deliveries would race on it): it holds at most `maxIds` IDs, each for
 * at most `ttlMs`; the oldest go first. A restart of n8n starts an empty window.
 */
export interface DuplicateWindowOptions {
	maxIds: number;
	ttlMs: number;
}

export class DuplicateWindow {
	private readonly seenAt = new Map<string, number>();

	constructor(private readonly options: DuplicateWindowOptions) {}

	/** True when `id` was seen inside the window; otherwise records it and answers false. */
	seen(id: string, nowMs: number): boolean {
		this.expire(nowMs);
		if (this.seenAt.has(id)) return true;
		this.seenAt.set(id, nowMs);
		while (this.seenAt.size > this.options.maxIds) {
			const oldest = this.seenAt.keys().next().value;
			if (oldest === undefined) break;
			this.seenAt.delete(oldest);
		}
		return false;
	}

	get size(): number {
		return this.seenAt.size;
	}

	private expire(nowMs: number): void {
		// Insertion order is time order, so expired IDs are at the front.
		for (const [id, at] of this.seenAt) {
			if (nowMs - at < this.options.ttlMs) break;
			this.seenAt.delete(id);
		}
	}
}

const windows = new Map<string, DuplicateWindow>();
/** Triggers tracked at once (workflows × nodes); the least recently created window goes first. */
const MAX_WINDOWS = 1000;

/** The window of one trigger (e.g. workflow ID + node ID). */
export function duplicateWindowFor(key: string, options: DuplicateWindowOptions): DuplicateWindow {
	let window = windows.get(key);
	if (!window) {
		window = new DuplicateWindow(options);
		windows.set(key, window);
		while (windows.size > MAX_WINDOWS) {
			const oldest = windows.keys().next().value;
			if (oldest === undefined) break;
			windows.delete(oldest);
		}
	}
	return window;
}

/** Forgets a trigger's window (deactivation). */
export function dropDuplicateWindow(key: string): void {
	windows.delete(key);
}
