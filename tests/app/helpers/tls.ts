import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TestCertificates {
    dir: string;
    caFile: string;
    certFile: string;
    keyFile: string;
    /** The DNS name in the server certificate; clients must send it as SNI servername. */
    serverName: string;
    remove(): void;
}

/** Makes a throwaway CA and a server certificate for `serverName` and 127.0.0.1 with openssl. */
export function makeTestCertificates(serverName = "redis.bulwark.test"): TestCertificates {
    const dir = mkdtempSync(path.join(tmpdir(), "bulwark-tls-"));
    const file = (name: string) => path.join(dir, name);
    const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });
    try {
        openssl("req", "-x509", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-keyout", file("ca.key"), "-out", file("ca.crt"), "-days", "1", "-subj", "/CN=Bulwark test CA");
        openssl("req", "-new", "-nodes", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-keyout", file("server.key"), "-out", file("server.csr"), "-subj", `/CN=${serverName}`);
        writeFileSync(file("server.ext"), `subjectAltName=DNS:${serverName}\nextendedKeyUsage=serverAuth\n`);
        openssl("x509", "-req", "-in", file("server.csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key"),
            "-CAcreateserial", "-out", file("server.crt"), "-days", "1", "-extfile", file("server.ext"));
    } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
        throw new Error(`making test certificates with openssl failed (is openssl installed?): ${(error as Error).message} ${stderr}`);
    }
    return {
        dir,
        caFile: file("ca.crt"),
        certFile: file("server.crt"),
        keyFile: file("server.key"),
        serverName,
        remove: () => rmSync(dir, { recursive: true, force: true }),
    };
}
