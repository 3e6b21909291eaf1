# syntax=docker/dockerfile:1
# Amphi: build the server and the front end, then run them as a non-root user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json lti-config.json ./
COPY src ./src
COPY tool ./tool
COPY public ./public
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# Video transcoding (and the demo's clips) run the ffmpeg and ffprobe binaries; pocketsphinx makes
# English captions out of the box (French needs a Vosk model mounted: VOSK_MODEL_FR, see README).
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg pocketsphinx pocketsphinx-en-us && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json /app/lti-config.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
RUN mkdir -p /data && chown node:node /data \
 && ln -s /app/dist/cli/main.js /usr/local/bin/amphi && chmod +x /app/dist/cli/main.js
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM reaches node directly (exec form): the server drains connections and releases the database.
CMD ["node", "dist/server.js"]
