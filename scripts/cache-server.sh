#!/usr/bin/env bash
# Serves a shared Lemma cache with nginx's WebDAV module on 127.0.0.1, in the foreground (the
# tests and benchmarks/shards.sh start it; Ctrl-C or SIGTERM stops it, and so does the end of the
# process that started it):
#   bash scripts/cache-server.sh FOLDER PORT [MAX_BODY]
# FOLDER (created if missing; nginx's worker user must be able to reach it) holds the store (FOLDER/store/ac, FOLDER/store/cas), nginx's config, logs and temp
# files. MAX_BODY is nginx's client_max_body_size (default 64m; nginx's own default is 1m).
# /fail/ answers 500 to everything, for tests of a broken server; /auth/ is the store again
# (alias) but answers 401 unless the request has `Authorization: Bearer secret`.
set -euo pipefail
mkdir -p "$1"
folder=$(cd "$1" && pwd)
port=$2
max_body=${3:-64m}
nginx=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$nginx" ]; then
  echo "error: nginx is not installed; on Debian: apt-get install nginx-light" >&2
  exit 127
fi
mkdir -p "$folder/store" "$folder/temp" "$folder/logs"
# nginx's workers run as `nobody` when started by root: they must reach and write the store.
chmod 0777 "$folder/store" "$folder/temp"
chmod a+x "$folder"
user_line=""
if [ "$(id -u)" = 0 ]; then user_line="user nobody nogroup;"; fi
cat > "$folder/nginx.conf" <<CONF
$user_line
worker_processes 1;
pid $folder/nginx.pid;
error_log $folder/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $folder/temp/body;
  proxy_temp_path $folder/temp/proxy;
  fastcgi_temp_path $folder/temp/fastcgi;
  uwsgi_temp_path $folder/temp/uwsgi;
  scgi_temp_path $folder/temp/scgi;
  server {
    listen 127.0.0.1:$port;
    root $folder/store;
    client_max_body_size $max_body;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:rw all:r;
    }
    location /fail/ { return 500; }
    location /auth/ {
      if (\$http_authorization != "Bearer secret") { return 401; }
      alias $folder/store/;
      dav_methods PUT;
      create_full_put_path on;
    }
  }
}
CONF
# nginx runs as a child: SIGTERM, SIGINT or SIGHUP to this script stop it, and so does the end of
# whoever started the script (a test run that crashed must not leave a server behind).
"$nginx" -p "$folder" -c "$folder/nginx.conf" -g "daemon off;" &
server=$!
parent=$PPID
trap 'kill "$server" 2> /dev/null; wait "$server"; exit 0' TERM INT HUP
while kill -0 "$server" 2> /dev/null; do
  if ! kill -0 "$parent" 2> /dev/null; then
    kill "$server" 2> /dev/null
    break
  fi
  sleep 1 &
  wait $!
done
wait "$server"
