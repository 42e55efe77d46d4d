/**
 * INTERIM: the one paging call of the Res:harmonics transport. Replaced by the shared Spring
 * strategy (nodes/shared/transport/paging, `springPages`) once that lands; same contract:
 * Return All / Limit, plan from the size the answer reports, never a page Limit does not need.
 */
import type { IDataObject } from 'n8n-workflow';

import type { PagingGuard } from '../../shared/transport/pagingGuard';
import type { HttpResponse } from '../../shared/transport/request';

export interface SpringListRun {
	limit?: number;
	pageSize: number;
	concurrency: number;
	guard: PagingGuard;
}

function pageOf<T>(response: HttpResponse<unknown>) {
	const body = response.body as IDataObject;
	const meta = (body?.page ?? body) as IDataObject;
	if (!body || !Array.isArray(body.content) || typeof meta?.totalPages !== 'number' || typeof meta?.size !== 'number') {
		throw new Error(`The answer of ${response.url} is not a page: it has no "content" list and page numbers`);
	}
	return { items: body.content as T[], size: meta.size, totalPages: meta.totalPages, url: response.url };
}

export async function collectSpringList<T>(
	send: (pageQuery: IDataObject) => Promise<HttpResponse<unknown>>,
	run: SpringListRun,
): Promise<T[]> {
	const out: T[] = [];
	let size = Math.min(run.limit ?? run.pageSize, run.pageSize);
	for (let page = 0; ; page++) {
		run.guard.beforePage(`page ${page} size ${size}`);
		const answer = pageOf<T>(await send({ page, size }));
		run.guard.afterPage(answer.items, answer.url);
		out.push(...answer.items);
		if (run.limit !== undefined && out.length >= run.limit) return out.slice(0, run.limit);
		if (answer.items.length === 0 || page + 1 >= answer.totalPages) return out;
		size = answer.size;
	}
}
