# syntax=docker/dockerfile:1
# Elekto (TypeScript). Build: docker build -t elekto .   Run: see docs/operator-guide.md.

# ---- dependencies: production packages only, native modules (better-sqlite3) built here ----
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
# `npm ci` runs `prepare` (the dist build for embedders); dev packages are dropped afterwards.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: no compilers, non-root, git for the meta repository ----
FROM node:20-bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    APP_ENV=production \
    APP_HOST=0.0.0.0 \
    APP_PORT=5000 \
    META_PATH=/var/lib/elekto/meta \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps /app/dist ./dist
COPY package.json package-lock.json ./
COPY bin ./bin
# The meta reader validates with the shipped JSON Schemas; without src/ the CLI runs dist/ (no tsx).
COPY docs/schemas ./docs/schemas
COPY examples ./examples
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
# The image's `node` user (uid 1000) owns only the state directory; the code stays read-only to it.
RUN chmod 0755 /usr/local/bin/docker-entrypoint.sh \
 && mkdir -p /var/lib/elekto \
 && chown node:node /var/lib/elekto
USER node
VOLUME ["/var/lib/elekto"]
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.APP_PORT||5000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh"]
CMD ["serve"]
