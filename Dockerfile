# The same steps as the Makefile: `make install web` (the package, and the explorer's files
# from web/package-lock.json), then `make run` (load the sample data, idempotently, and serve).
# Only the bind address and the data folder differ.
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends make nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN make install web
ENV STEPPE_HOST=0.0.0.0 \
    STEPPE_PORT=8000 \
    STEPPE_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
    CMD .venv/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"
CMD ["make", "run"]
