# toco-waffo-mock: `docker build -t toco-waffo-mock .` then
#   docker run --init -p 8080:8080 toco-waffo-mock
# `npm run image:check` replays this file without an engine (COPY, RUN, CMD, HEALTHCHECK): keep
# every instruction in the forms it understands (see scripts/image-check.ts).

# Build: install with the lockfile (whose `prepare` compiles TypeScript, bundles dist/program.cjs and
# dist/server.js, and writes the program's V8 code cache under `npm start`'s flags, which the CMD
# repeats: V8 takes a cache only from its own version, so both stages run the same Node image;
# better-sqlite3 compiles its addon when no prebuilt one can be fetched), then drop dev dependencies
# and the optional pino-pretty (a container logs JSON).
FROM node:24-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
# The bundle validates the demo fixtures and records their digest (scripts/bundle-server.mjs).
COPY fixtures ./fixtures
RUN npm ci --no-audit --no-fund
RUN npm prune --omit=dev --omit=optional --no-audit --no-fund

# Run: the bundled server, production dependencies and the demo fixtures, as the unprivileged node user.
FROM node:24-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY fixtures ./fixtures
# A file database lives here when DB_PATH=/data/mock.db (mount a volume on /data to keep it);
# by default DB_PATH is :memory: and every start is seeded afresh. Owned by node, so a new named
# volume, which Docker fills from the image, is writable by the server.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/__admin/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# PID 1: node handles SIGTERM itself (drains, exits 0) and starts no children to reap; run with
# `docker run --init` (compose: `init: true`) to have tini as PID 1 all the same.
# The same command as `npm start`: an 8 MiB semi-space and the GC on one thread cost the least CPU
# a request with RSS after load under 110 MB (docs/benchmarks.md, ninth cut); the other two flags
# the entry would otherwise set itself, loading node:v8 (src/cli/heap-flags.ts).
CMD ["node", "--max-semi-space-size=8", "--heap-growing-percent=20", "--no-allocation-site-pretenuring", "--single-threaded-gc", "dist/server.js"]
