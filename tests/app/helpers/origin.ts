import http from "node:http";
import net from "node:net";

/**
 * A local HTTP JSON origin on 127.0.0.1 with a configurable delay that counts calls per
 * item, so tests can see exactly how often the cache let a request through.
 */
export class TestOrigin {
    delayMs: number;
    /** Ids the origin answers 404 for. */
    readonly missing = new Set<string>();
    /** Ids the origin answers 500 for. */
    readonly failing = new Set<string>();
    readonly calls = new Map<string, number>();
    private readonly server: http.Server;

    private constructor(delayMs: number) {
        this.delayMs = delayMs;
        this.server = http.createServer((request, response) => this.answer(request, response));
        this.server.keepAliveTimeout = 60_000;
    }

    static async start(delayMs = 0): Promise<TestOrigin> {
        const origin = new TestOrigin(delayMs);
        await new Promise<void>((resolve) => origin.server.listen(0, "127.0.0.1", resolve));
        return origin;
    }

    get url(): string {
        return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
    }

    callsFor(id: string): number {
        return this.calls.get(id) ?? 0;
    }

    get totalCalls(): number {
        let total = 0;
        for (const count of this.calls.values()) total += count;
        return total;
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
    }

    private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
        const match = /^\/items\/([^/]+)$/.exec(request.url ?? "");
        if (!match) {
            response.writeHead(404, { "content-type": "application/json" }).end('{"error":"no route"}');
            return;
        }
        const id = decodeURIComponent(match[1]);
        const count = this.callsFor(id) + 1;
        this.calls.set(id, count);
        const reply = () => {
            const [status, body] = this.failing.has(id)
                ? [500, '{"error":"boom"}']
                : this.missing.has(id)
                  ? [404, '{"error":"missing"}']
                  : [200, JSON.stringify({ id, version: count })];
            response.writeHead(status, { "content-type": "application/json" }).end(body);
        };
        if (this.delayMs > 0) setTimeout(reply, this.delayMs);
        else reply();
    }
}
