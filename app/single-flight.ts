/**
 * Collapses concurrent calls for the same key into one: while a call for a key is in
 * flight, later callers get the same promise. Once it settles, the next call starts fresh,
 * so a failure is shared by the callers that waited for it but never remembered.
 */
export class SingleFlight<T> {
    private readonly inFlight = new Map<string, Promise<T>>();

    do(key: string, work: () => Promise<T>): Promise<T> {
        const existing = this.inFlight.get(key);
        if (existing) return existing;
        const call = (async () => {
            try {
                return await work();
            } finally {
                this.inFlight.delete(key);
            }
        })();
        this.inFlight.set(key, call);
        return call;
    }

    get size(): number {
        return this.inFlight.size;
    }
}
