/**
 * A plain static file server over dist/ for the specs that need control over the host: a
 * sub-path, extra response headers (Access-Control-Allow-Origin, as GitHub Pages sends), a page
 * of the test's own (an embedding site), or a file replaced mid-test (a new build's sw.js).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const DIST = "dist";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
};

/** Options of {@link serveDist}. */
export interface StaticServerOptions {
  /** Path the folder is served under, starting and ending with "/". */
  base?: string;
  /** Headers added to every answer. */
  headers?: Record<string, string>;
}

/** A running server; `pages` and `overrides` may be changed while it runs. */
export interface StaticServer {
  origin: string;
  /** The folder's address, origin + base. */
  url: string;
  /** Extra documents by path under the base ("host.html" -> html). */
  pages: Map<string, string>;
  /** Replaced file contents by path under the base ("sw.js" -> text). */
  overrides: Map<string, string>;
  close(): Promise<void>;
}

/** Serves dist/ on a free port of 127.0.0.1. */
export async function serveDist({ base = "/", headers = {} }: StaticServerOptions = {}): Promise<StaticServer> {
  const pages = new Map<string, string>();
  const overrides = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith(base)) return void res.writeHead(404, headers).end();
    const rel = path.slice(base.length);
    if (pages.has(rel))
      return void res.writeHead(200, { ...headers, "content-type": TYPES[".html"] }).end(pages.get(rel));
    let file = normalize(join(DIST, rel));
    if (!file.startsWith(DIST)) return void res.writeHead(403, headers).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const key = file.slice(DIST.length + 1);
    if (overrides.has(key))
      return void res.writeHead(200, { ...headers, "content-type": type }).end(overrides.get(key));
    if (!existsSync(file)) return void res.writeHead(404, headers).end();
    res.writeHead(200, { ...headers, "content-type": type, "cache-control": "no-cache" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: origin + base,
    pages,
    overrides,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
