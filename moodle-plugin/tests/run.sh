#!/usr/bin/env bash
# Checks of the Moodle plugins that need no Moodle: php -l on every PHP file under moodle-plugin, then the
# PHPUnit suite. Exits non-zero on any failure and ends with a one-line summary.
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
cd "$(dirname "$root")" || exit 2

for tool in php phpunit; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "moodle-plugin: FAIL - $tool is not installed (apt-get install -y php-cli phpunit)"
        exit 2
    fi
done

lintfail=0
files=0
while IFS= read -r -d '' file; do
    files=$((files + 1))
    if ! out="$(php -l "$file" 2>&1)"; then
        echo "$out"
        lintfail=$((lintfail + 1))
    fi
done < <(find moodle-plugin -name '*.php' -not -path '*/node_modules/*' -not -path '*/vendor/*' -print0)

unitout="$(phpunit -c moodle-plugin/tests/phpunit.xml 2>&1)"
unitrc=$?
if [ "$unitrc" -ne 0 ]; then
    echo "$unitout"
fi
unitline="$(printf '%s\n' "$unitout" | grep -E '^(OK \(|Tests: )' | tail -n 1)"

if [ "$lintfail" -eq 0 ] && [ "$unitrc" -eq 0 ]; then
    echo "moodle-plugin: OK - php -l: $files files; phpunit: ${unitline:-no summary}"
    exit 0
fi
echo "moodle-plugin: FAIL - php -l: $lintfail of $files files failed; phpunit (exit $unitrc): ${unitline:-no summary}"
exit 1
