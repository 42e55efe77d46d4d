/**
 * Renewal before expiry for credentials built on `preAuthentication` with a hidden `expirable`
 * field (the OAuth2 password grant, Kaizala).
 *
 * n8n runs a credential's `preAuthentication` only when its expirable field is empty, or after
 * the API answered 401. With short-lived tokens (60 s) waiting for the 401 costs a failed call
 * per token life, and a rotated refresh token revokes the old access token at once, so calls in
 * flight fail. So a node asks for renewal itself: it hands n8n the credential with the expirable
 * field emptied (`credentialsDecrypted`); n8n then runs `preAuthentication`, saves every field
 * it returns, and sends the request with the new token.
 *
 * One renewal at a time per execution: calls that arrive while a renewal is due wait for it,
 * and the renewal waits until the calls still using the old token have finished.
 */
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';

import type { HttpContext } from '../transport/request';

export interface ExpirableSessionOptions {
	credentialType: string;
	/** The hidden field marked `expirable` (the access token). */
	expirableField: string;
	/** Whether the stored token must be renewed before the next call. */
	isDue: (data: ICredentialDataDecryptedObject, nowMs: number) => boolean;
	itemIndex?: number;
}

export class ExpirableCredentialSession {
	private data: ICredentialDataDecryptedObject;

	private inflight = 0;

	private drainWaiters: Array<() => void> = [];

	private renewing: Promise<void> | undefined;

	/** How many renewals this session asked n8n for (for logs and tests). */
	renewals = 0;

	private constructor(
		private readonly ctx: HttpContext,
		private readonly options: ExpirableSessionOptions,
		private readonly reference: { id: string; name: string } | undefined,
		data: ICredentialDataDecryptedObject,
	) {
		this.data = data;
	}

	static async open(ctx: HttpContext, options: ExpirableSessionOptions): Promise<ExpirableCredentialSession> {
		const data = await ctx.getCredentials(options.credentialType, options.itemIndex);
		const stored = ctx.getNode().credentials?.[options.credentialType];
		const reference = stored?.id ? { id: stored.id, name: stored.name } : undefined;
		return new ExpirableCredentialSession(ctx, options, reference, data);
	}

	/**
	 * Changes fields of the credential as this execution holds it, e.g. a fact learned from a
	 * call (a moved endpoint) that the next renewal must see; `isDue` decides whether that
	 * renewal comes before the next call. Only a renewal stores anything.
	 */
	amend(fields: ICredentialDataDecryptedObject): void {
		this.data = { ...this.data, ...fields };
	}

	/** The credential as this execution last saw it (after any renewal). */
	current(): ICredentialDataDecryptedObject {
		return this.data;
	}

	private decrypted(data: ICredentialDataDecryptedObject): ICredentialsDecrypted | undefined {
		if (!this.reference) return undefined;
		return { id: this.reference.id, name: this.reference.name, type: this.options.credentialType, data };
	}

	private async track<T>(call: () => Promise<T>): Promise<T> {
		this.inflight++;
		try {
			return await call();
		} finally {
			this.inflight--;
			if (this.inflight === 0) for (const wake of this.drainWaiters.splice(0)) wake();
		}
	}

	private async drained(): Promise<void> {
		if (this.inflight === 0) return;
		await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
	}

	/**
	 * Runs one call with the credential to use for it. `send` receives what to hand n8n as
	 * `credentialsDecrypted` (undefined when the node has no stored credential reference: n8n
	 * then reads the credential itself and renews only after a 401).
	 */
	async run<T>(send: (credential: ICredentialsDecrypted | undefined) => Promise<T>): Promise<T> {
		while (this.renewing) await this.renewing;
		if (!this.reference || !this.options.isDue(this.data, Date.now())) {
			// n8n updates this very object when a 401 makes it run preAuthentication.
			return await this.track(async () => await send(this.decrypted(this.data)));
		}
		let release: () => void = () => undefined;
		this.renewing = new Promise<void>((resolve) => (release = resolve));
		try {
			await this.drained();
			const fresh: ICredentialDataDecryptedObject = { ...this.data, [this.options.expirableField]: '' };
			this.renewals++;
			try {
				return await this.track(async () => await send(this.decrypted(fresh)));
			} finally {
				await this.absorb(fresh);
			}
		} finally {
			this.renewing = undefined;
			release();
		}
	}

	/**
	 * n8n merges what `preAuthentication` returned into the object it was given. Should a host
	 * not do that, or the renewal have failed, the stored credential is read again.
	 */
	private async absorb(fresh: ICredentialDataDecryptedObject): Promise<void> {
		const token = fresh[this.options.expirableField];
		if (typeof token === 'string' && token !== '') {
			this.data = fresh;
			return;
		}
		try {
			this.data = await this.ctx.getCredentials(this.options.credentialType, this.options.itemIndex);
		} catch {
			// keep what we had: the next call asks for renewal again
		}
	}
}
