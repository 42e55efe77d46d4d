/** Runs `count` tasks with at most `concurrency` in flight; results keep the tasks' order. */
export async function mapBounded<R>(count: number, concurrency: number, task: (i: number) => Promise<R>): Promise<R[]> {
	const results = new Array<R>(count);
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const index = next++;
			results[index] = await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
	return results;
}
