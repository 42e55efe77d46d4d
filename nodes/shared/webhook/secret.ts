/**
 * Webhook secrets shared by every vendor's trigger: a random secret to register with the
 * vendor, and a comparison that takes the same time whatever the received value is (both
 * sides are hashed first, so neither their contents nor their lengths leak through timing).
 */
import { createHash, randomBytes, timingSafeEqual } from 'crypto';

/** 32 random bytes as 64 hex characters. */
export function newWebhookSecret(): string {
	return randomBytes(32).toString('hex');
}

export function constantTimeEqual(received: unknown, expected: string): boolean {
	if (typeof received !== 'string' || expected === '') return false;
	const a = createHash('sha256').update(received, 'utf8').digest();
	const b = createHash('sha256').update(expected, 'utf8').digest();
	return timingSafeEqual(a, b);
}
