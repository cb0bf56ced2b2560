#!/bin/sh
# Container entry point, as Elekto's entrypoint.sh: migrate the database, sync the meta repository,
# then serve. Any other command is run as is: `docker run elekto tally ballots.csv`.
#   SKIP_MIGRATE=true  leave the schema alone (e.g. when a Kubernetes Job runs `elekto migrate`)
#   SKIP_SYNC=true     do not fetch the meta repository before serving
set -eu

ELEKTO="${ELEKTO_CLI:-node /app/bin/elekto.js}"

command="${1:-serve}"
[ "$#" -gt 0 ] && shift

case "$command" in
  serve|run)
    if [ "${SKIP_MIGRATE:-false}" != "true" ]; then
      echo "docker-entrypoint: elekto migrate"
      # A failed migration stops the start: serving an outdated schema could lose votes.
      $ELEKTO migrate
    fi
    if [ "${SKIP_SYNC:-false}" != "true" ]; then
      echo "docker-entrypoint: elekto sync"
      # A failed sync does not: serve reads what is checked out and /ready reports the problem.
      $ELEKTO sync || echo "docker-entrypoint: sync failed (exit $?); serving the last checked-out meta repository" >&2
    fi
    echo "docker-entrypoint: elekto serve"
    exec $ELEKTO serve "$@"
    ;;
  *)
    exec $ELEKTO "$command" "$@"
    ;;
esac
