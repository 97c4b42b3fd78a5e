# One image for every service; docker-compose.yml and deploy/k8s pick the entry point per service.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig*.json nest-cli.json ./
COPY libs libs
COPY services services
COPY bench bench
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
# `ops <command>` for the Kubernetes Jobs (migrate, topics) and for operators in a running pod.
# bin/ops rebuilds from the sources, which the image does not hold: this runs dist/ as built.
RUN printf '#!/bin/sh\nexec node --disable-warning=TimeoutNegativeWarning /app/dist/services/ops/src/main.js "$@"\n' \
    > /usr/local/bin/ops && chmod 0755 /usr/local/bin/ops
# The image's `node` user, by number: Kubernetes' runAsNonRoot can only verify a numeric user.
USER 1000:1000
