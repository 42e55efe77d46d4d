/**
 * A poll's time budget as one deadline handed to every request and every wait of the poll.
 * n8n 2.x tells the budget (`getPollBudgetMs`, absent in 1.x); n8n skips the cursor commit of a
 * poll that overran it, so a share is kept for emitting and saving.
 */
import type { IPollFunctions } from 'n8n-workflow';

import type { Deadline } from '../transport/deadline';
import { seconds } from '../transport/deadline';

/** What a poll may use of its budget for requests; the rest is for emitting and saving. */
export const POLL_BUDGET_SHARE = 0.8;
/** The budget assumed when n8n does not tell one (1.x). */
export const DEFAULT_POLL_BUDGET_MS = 4 * 60_000;

export function pollBudgetMs(ctx: IPollFunctions): number {
	const withBudget = ctx as IPollFunctions & { getPollBudgetMs?: () => number };
	const budget = typeof withBudget.getPollBudgetMs === 'function' ? withBudget.getPollBudgetMs() : undefined;
	return typeof budget === 'number' && Number.isFinite(budget) && budget >= 0 ? budget : DEFAULT_POLL_BUDGET_MS;
}

/** The deadline of a poll that starts at `nowMs`. */
export function pollDeadline(ctx: IPollFunctions, nowMs = Date.now()): Deadline {
	const budget = pollBudgetMs(ctx);
	return {
		atMs: nowMs + Math.floor(budget * POLL_BUDGET_SHARE),
		label: `the poll's time budget (${seconds(budget)}, of which ${Math.round(POLL_BUDGET_SHARE * 100)}% for requests)`,
	};
}
