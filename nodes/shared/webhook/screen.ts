/**
 * The first look at a webhook delivery, shared by every vendor's webhook trigger: the secret
 * compared in constant time, repeated deliveries of one event dropped inside a bounded window,
 * and a short plain-text answer at once for both. Nothing here waits on the vendor or on the
 * workflow: a delivery that passes starts an execution, and n8n answers it when it is received
 * (`responseMode: 'onReceived'`).
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { duplicateWindowFor } from './duplicates';
import type { DuplicateWindowOptions } from './duplicates';
import { constantTimeEqual } from './secret';

export interface DeliveryCheck {
	/** The secret the delivery carried (a header value). */
	received: unknown;
	/** The secret it must match; an empty expected secret refuses everything. */
	expected: string;
	/** The event's identity, for the duplicate window; empty = not checked. */
	eventKey?: string;
	duplicates: DuplicateWindowOptions;
}

/** A short plain-text answer that starts no execution. */
export function answerWithoutExecution(ctx: IWebhookFunctions, status: number, text: string): IWebhookResponseData {
	ctx
		.getResponseObject()
		.status(status)
		.set({ 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' })
		.send(text);
	return { noWebhookResponse: true };
}

/** The duplicate window of one trigger node in one workflow. */
export function windowKey(ctx: Pick<IWebhookFunctions, 'getWorkflow' | 'getNode'>): string {
	return `${ctx.getWorkflow().id}:${ctx.getNode().id}`;
}

/**
 * Answers a delivery that must not start an execution (401 for a wrong or missing secret, 200
 * for a repeat of an event inside the window); undefined when the delivery goes on.
 */
export function screenDelivery(ctx: IWebhookFunctions, check: DeliveryCheck, nowMs = Date.now()): IWebhookResponseData | undefined {
	// Anything but one string (missing, repeated header) is refused like a wrong secret.
	if (!constantTimeEqual(check.received, check.expected)) return answerWithoutExecution(ctx, 401, 'Unauthorized');
	if (check.eventKey && duplicateWindowFor(windowKey(ctx), check.duplicates).seen(check.eventKey, nowMs)) {
		return answerWithoutExecution(ctx, 200, 'Duplicate event ignored');
	}
	return undefined;
}
