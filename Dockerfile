# tenantform as a container image, for pipelines that prefer one to `npm install`:
#   docker build -t tenantform .
#   docker run --rm -v "$PWD:/work" -e AUTH0_DOMAIN -e AUTH0_CLIENT_ID -e AUTH0_CLIENT_SECRET \
#     tenantform plan -c tenant --values env/prod.yaml
# The image holds what the npm tarball holds, installed as `npm install --global` does (the
# same steps as .ci/install-check): compiled JavaScript and production dependencies only.

FROM node:20-slim AS package
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm pack --pack-destination /package

FROM node:20-slim
COPY --from=package /package/ /package/
RUN npm install --global --no-audit --no-fund /package/tenantform-*.tgz && rm -r /package
USER node
WORKDIR /work
ENTRYPOINT ["tenantform"]
CMD ["--help"]
