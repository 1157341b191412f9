import http from "node:http";
import https from "node:https";
import { Origin, OriginError, OriginResult } from "./cache-aside";

export interface HttpOriginOptions {
    /** Base URL without trailing slash; items live at `${baseUrl}/items/${id}`. */
    baseUrl: string;
    timeoutMs: number;
    /** Larger bodies are refused rather than cached; the Lambda response limit is 6 MB. */
    maxBodyBytes?: number;
}

/** Fetches items from any HTTP JSON API over kept-alive connections. */
export class HttpOrigin implements Origin {
    private readonly agent: http.Agent;
    private readonly request: typeof http.request;
    private readonly maxBodyBytes: number;

    constructor(private readonly options: HttpOriginOptions) {
        const secure = options.baseUrl.startsWith("https:");
        // Keep-alive saves a TCP (and TLS) handshake per miss for as long as the sandbox lives.
        this.agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
        this.request = secure ? https.request : http.request;
        this.maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
    }

    fetchItem(id: string): Promise<OriginResult> {
        const url = `${this.options.baseUrl}/items/${encodeURIComponent(id)}`;
        return new Promise<OriginResult>((resolveOnce, rejectOnce) => {
            // A whole-request deadline, not an idle timeout: a trickling origin must not hold a request.
            const deadline = setTimeout(() => {
                req.destroy(new OriginError(`origin did not answer ${id} within ${this.options.timeoutMs} ms`, 504));
            }, this.options.timeoutMs);
            const resolve = (result: OriginResult) => {
                clearTimeout(deadline);
                resolveOnce(result);
            };
            const reject = (error: Error) => {
                clearTimeout(deadline);
                rejectOnce(error);
            };
            const req = this.request(url, { method: "GET", agent: this.agent, headers: { accept: "application/json" } }, (res) => {
                const status = res.statusCode ?? 0;
                const chunks: Buffer[] = [];
                let size = 0;
                res.on("data", (chunk: Buffer) => {
                    size += chunk.length;
                    if (size > this.maxBodyBytes) {
                        req.destroy(new OriginError(`origin body for ${id} exceeds ${this.maxBodyBytes} bytes`, 502));
                        return;
                    }
                    chunks.push(chunk);
                });
                res.on("error", (error) => reject(asOriginError(error)));
                res.on("end", () => {
                    if (status === 404) return resolve({ kind: "not-found" });
                    if (status < 200 || status > 299) return reject(new OriginError(`origin answered ${status} for ${id}`, 502));
                    const body = Buffer.concat(chunks).toString("utf8");
                    try {
                        JSON.parse(body);
                    } catch {
                        return reject(new OriginError(`origin answered non-JSON for ${id}`, 502));
                    }
                    resolve({ kind: "found", body });
                });
            });
            req.on("error", (error) => reject(asOriginError(error)));
            req.end();
        });
    }

    close(): void {
        this.agent.destroy();
    }
}

function asOriginError(error: Error): OriginError {
    return error instanceof OriginError ? error : new OriginError(`origin request failed: ${error.message}`, 502);
}
