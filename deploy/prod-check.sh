#!/usr/bin/env bash
# `make prod-check`: the production recipe run locally. PostgreSQL + Redis, DEBUG off,
# collectstatic, gunicorn with deploy/gunicorn.conf.py (staff and public pools) and the
# task worker, then smoke checks over HTTP; everything it started is stopped at the
# end. Its own database (PROD_CHECK_DB) and Redis db (PROD_CHECK_REDIS_DB).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.venv/bin}
DB=${PROD_CHECK_DB:-daotao_prodcheck}
PORT=${PROD_CHECK_PORT:-8090}
PUBLIC_PORT=$((PORT + 1))
WORK=$(mktemp -d /tmp/daotao-prodcheck.XXXXXX)
export DJANGO_DEBUG=false
export DJANGO_SECRET_KEY="prod-check-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/${DB}"
export REDIS_URL="redis://127.0.0.1:6379/${PROD_CHECK_REDIS_DB:-14}"
export DJANGO_MEDIA_ROOT="$WORK/media"
export DJANGO_TRUSTED_PROXIES=127.0.0.1,::1
export GUNICORN_ACCESS_LOG="$WORK/access.log"
export GUNICORN_LOG_LEVEL=warning

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

bash .ci/ensure-services >/dev/null
psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS ${DB} WITH (FORCE)" >/dev/null
psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE ${DB}" >/dev/null
echo "· migrate, collectstatic, check --deploy"
$BIN/python manage.py migrate --noinput >/dev/null
$BIN/python manage.py collectstatic --noinput >/dev/null
$BIN/python manage.py check --deploy --fail-level WARNING
$BIN/python manage.py school_create --name "Trường Chính trị tỉnh Kiểm Thử" --province "Nghệ An" \
  --governing-body "TỈNH ỦY NGHỆ AN" --abbreviation TrCT --admin-username quantri \
  --admin-name "Nguyễn Văn A" --admin-email quantri@example.vn --base-url https://127.0.0.1 >/dev/null

echo "· gunicorn (staff :$PORT, public :$PUBLIC_PORT) and the task worker"
GUNICORN_BIND=127.0.0.1:$PORT GUNICORN_WORKERS=2 $BIN/gunicorn -c deploy/gunicorn.conf.py daotao.wsgi:application &
pids+=($!)
GUNICORN_BIND=127.0.0.1:$PUBLIC_PORT GUNICORN_WORKERS=1 $BIN/gunicorn -c deploy/gunicorn.conf.py daotao.wsgi:application &
pids+=($!)
$BIN/python manage.py run_worker --no-reload >"$WORK/worker.log" 2>&1 &
pids+=($!)

https=(-H "X-Forwarded-Proto: https" -H "X-Forwarded-For: 203.0.113.5")
for _ in $(seq 60); do
  curl -fsS "${https[@]}" "http://127.0.0.1:$PORT/suc-khoe/" >/dev/null 2>&1 && break
  sleep 0.5
done

fail=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then echo "  ok   $1"; else echo "  FAIL $1: expected $2, got $3"; fail=1; fi
}
status() { curl -s -o /dev/null -w '%{http_code}' "${https[@]}" "$@"; }
check "health answers" '{"status": "ok"}' "$(curl -s "${https[@]}" "http://127.0.0.1:$PORT/suc-khoe/")"
check "plain HTTP is sent to HTTPS" 301 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/dang-nhap/")"
check "sign-in page" 200 "$(status "http://127.0.0.1:$PORT/dang-nhap/")"
check "staff page needs sign-in" 302 "$(status "http://127.0.0.1:$PORT/quan-ly/")"
check "public home on its pool" 200 "$(status "http://127.0.0.1:$PUBLIC_PORT/")"
check "HSTS header" 1 "$(curl -s -D - -o /dev/null "${https[@]}" "http://127.0.0.1:$PORT/dang-nhap/" | grep -ci '^strict-transport-security')"
css=$(curl -s "${https[@]}" "http://127.0.0.1:$PORT/dang-nhap/" | grep -o '/static/[^"]*\.css' | head -n1)
check "hashed static file served" 200 "$(status "http://127.0.0.1:$PORT$css")"
check "unknown page is a 404" 404 "$(status "http://127.0.0.1:$PORT/khong-co-trang-nay/")"
check "generated media not served" 404 "$(status "http://127.0.0.1:$PORT/media/documents/x.pdf")"
sleep 2
check "task worker running" 0 "$(kill -0 "${pids[2]}" 2>/dev/null; echo $?)"
if [ "$fail" = 0 ]; then echo "prod-check: all smoke checks passed"; else echo "prod-check: FAILED"; fi
exit "$fail"
