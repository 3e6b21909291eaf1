<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

/**
 * Reads the plugins' PHP with PHP's tokenizer and lists the Moodle symbols they use; reads the language string
 * keys their JavaScript asks for.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Tokenizer-based scan, so that names in comments and strings are never mistaken for calls.
 *
 * A symbol is Moodle's when PHP itself does not define it (the test bootstrap defines no Moodle function)
 * and the plugins do not declare it.
 */
final class source_scanner {
    /** @var string[] Plugins whose code is scanned. */
    const PLUGINS = ['local_amphi', 'filter_amphi', 'tiny_amphi', 'atto_amphi'];
    /** @var string[] Moodle globals whose members are listed one by one. */
    const GLOBALS = ['$CFG', '$USER', '$SESSION', '$PAGE', '$OUTPUT', '$DB', '$ADMIN', '$hassiteconfig'];
    /** @var string[] Type names that are PHP's own, never a class. */
    const BUILTIN_TYPES = ['string', 'int', 'float', 'bool', 'iterable', 'object', 'void', 'mixed', 'null', 'false',
        'true', 'never', 'self', 'static', 'parent'];

    /**
     * PHP files of the scanned plugins.
     *
     * @return string[] absolute paths
     */
    public static function files(): array {
        $files = [];
        foreach (self::PLUGINS as $plugin) {
            $it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator(AMPHI_PLUGIN_ROOT . '/' . $plugin,
                FilesystemIterator::SKIP_DOTS));
            foreach ($it as $file) {
                if (substr($file->getFilename(), -4) === '.php') {
                    $files[] = $file->getPathname();
                }
            }
        }
        sort($files);
        return $files;
    }

    /**
     * Significant tokens of a file (no whitespace or comments).
     *
     * @param string $path
     * @return array
     */
    private static function tokens(string $path): array {
        $out = [];
        foreach (token_get_all(file_get_contents($path)) as $t) {
            if (is_array($t) && in_array($t[0], [T_WHITESPACE, T_COMMENT, T_DOC_COMMENT, T_OPEN_TAG, T_INLINE_HTML], true)) {
                continue;
            }
            $out[] = is_array($t) ? $t : [null, $t, 0];
        }
        return $out;
    }

    /**
     * Functions, methods and classes the plugins declare.
     *
     * @return array ['functions' => name => true, 'classes' => fqname => true]
     */
    public static function declared(): array {
        $functions = [];
        $classes = [];
        foreach (self::files() as $path) {
            $t = self::tokens($path);
            $ns = '';
            foreach ($t as $i => $tok) {
                if ($tok[0] === T_NAMESPACE && isset($t[$i + 1])) {
                    $ns = $t[$i + 1][1];
                } else if ($tok[0] === T_FUNCTION && isset($t[$i + 1]) && $t[$i + 1][0] === T_STRING) {
                    $functions[strtolower($t[$i + 1][1])] = true;
                } else if (in_array($tok[0], [T_CLASS, T_INTERFACE, T_TRAIT], true) && isset($t[$i + 1])
                        && $t[$i + 1][0] === T_STRING) {
                    $classes[ltrim($ns . '\\' . $t[$i + 1][1], '\\')] = true;
                }
            }
        }
        return ['functions' => $functions, 'classes' => $classes];
    }

    /**
     * Moodle symbols used, each with the files that use it.
     *
     * Kinds of names: function "f", class "c" (also as a parameter, catch or return type), static member "c::m",
     * constant "C", global member "\$G->m" or "\$G->m->n", global "\$G", method on another object "->m".
     *
     * @return array name => list of relative paths
     */
    public static function moodle_symbols(): array {
        return self::scan()['moodle'];
    }

    /**
     * Static members of the plugins' own classes used by another file: "local_amphi\tool::origin", so that a test
     * can check that what one plugin calls in another still exists.
     *
     * @return array name => list of relative paths
     */
    public static function own_static_members(): array {
        return self::scan()['own'];
    }

    /**
     * One pass over the plugins' PHP.
     *
     * @return array ['moodle' => name => paths, 'own' => name => paths]
     */
    private static function scan(): array {
        $declared = self::declared();
        $found = [];
        $own = [];
        $add = function(string $name, string $path) use (&$found) {
            $rel = substr($path, strlen(AMPHI_PLUGIN_ROOT) + 1);
            $found[$name][$rel] = true;
        };
        $names = [T_STRING, T_NAME_QUALIFIED, T_NAME_FULLY_QUALIFIED];
        foreach (self::files() as $path) {
            $t = self::tokens($path);
            $ns = '';
            $uses = [];
            $depth = 0;
            // Between "function" and its body (or ";"): where a name after ":" is a return type.
            $insignature = false;
            $n = count($t);
            for ($i = 0; $i < $n; $i++) {
                [$id, $text] = $t[$i];
                $prev = $t[$i - 1] ?? [null, '', 0];
                $next = $t[$i + 1] ?? [null, '', 0];
                if ($text === '{' || $id === T_CURLY_OPEN || $id === T_DOLLAR_OPEN_CURLY_BRACES) {
                    $depth++;
                } else if ($text === '}') {
                    $depth--;
                }
                if ($id === T_FUNCTION) {
                    $insignature = true;
                } else if ($text === '{' || $text === ';') {
                    $insignature = false;
                }
                if ($id === T_NAMESPACE) {
                    $ns = $next[1];
                    continue;
                }
                if ($id === T_USE && $depth === 0) {
                    $full = $next[1];
                    $alias = substr(strrchr('\\' . $full, '\\'), 1);
                    if (($t[$i + 2][0] ?? null) === T_AS) {
                        $alias = $t[$i + 3][1];
                    }
                    $uses[strtolower($alias)] = ltrim($full, '\\');
                    continue;
                }
                if ($id === T_VARIABLE && in_array($text, self::GLOBALS, true)) {
                    if ($next[0] === T_OBJECT_OPERATOR && ($t[$i + 2][0] ?? null) === T_STRING
                            && self::is_member_call($t, $i + 4)) {
                        // "$PAGE->requires->strings_for_js()": the method belongs to what the member holds.
                        $add($text . '->' . $t[$i + 2][1] . '->' . $t[$i + 4][1], $path);
                    } else if ($next[0] === T_OBJECT_OPERATOR && ($t[$i + 2][0] ?? null) === T_STRING) {
                        $add($text . '->' . $t[$i + 2][1], $path);
                    } else {
                        $add($text, $path);
                    }
                    continue;
                }
                if ($id === T_STRING && $prev[0] === T_OBJECT_OPERATOR && $next[1] === '('
                        && !in_array(($t[$i - 2][1] ?? ''), self::GLOBALS, true)
                        && !(self::is_member_call($t, $i) && in_array(($t[$i - 4][1] ?? ''), self::GLOBALS, true))
                        && !isset($declared['functions'][strtolower($text)])
                        && !method_exists(Exception::class, $text)) {
                    $add('->' . $text, $path);
                    continue;
                }
                if (!in_array($id, $names, true)) {
                    continue;
                }
                $skipprev = [T_OBJECT_OPERATOR, T_NULLSAFE_OBJECT_OPERATOR, T_DOUBLE_COLON, T_FUNCTION, T_CONST,
                    T_CLASS, T_INTERFACE, T_NAMESPACE, T_USE, T_AS, T_GOTO];
                if (in_array($prev[0], $skipprev, true)) {
                    continue;
                }
                // A name right before a variable can only be a type (parameter, catch, property); after "):" or
                // "): ?" in a signature, the return type.
                $istype = $next[0] === T_VARIABLE || ($next[1] === '&' && ($t[$i + 2][0] ?? null) === T_VARIABLE)
                    || $next[0] === T_ELLIPSIS
                    || ($insignature && $prev[1] === ':' && ($t[$i - 2][1] ?? '') === ')')
                    || ($insignature && $prev[1] === '?' && ($t[$i - 2][1] ?? '') === ':');
                if ($istype && in_array(strtolower($text), self::BUILTIN_TYPES, true)) {
                    continue;
                }
                $isclass = $istype || $prev[0] === T_NEW || $next[0] === T_DOUBLE_COLON || in_array($prev[0], [T_EXTENDS,
                    T_IMPLEMENTS, T_INSTANCEOF], true) || ($prev[1] === ',' && self::in_implements($t, $i));
                if ($isclass) {
                    if (in_array(strtolower($text), ['self', 'static', 'parent'], true)) {
                        continue;
                    }
                    $class = self::resolve($text, $ns, $uses);
                    if (isset($declared['classes'][$class])) {
                        if ($next[0] === T_DOUBLE_COLON && ($t[$i + 2][0] ?? null) === T_STRING) {
                            $own[$class . '::' . $t[$i + 2][1]][substr($path, strlen(AMPHI_PLUGIN_ROOT) + 1)] = true;
                        }
                        continue;
                    }
                    if (class_exists($class, false) || interface_exists($class, false)) {
                        continue;
                    }
                    if ($next[0] === T_DOUBLE_COLON && ($t[$i + 2][0] ?? null) === T_STRING) {
                        $add($class . '::' . $t[$i + 2][1], $path);
                    } else {
                        $add($class, $path);
                    }
                    continue;
                }
                $name = ltrim($text, '\\');
                if ($next[1] === '(') {
                    if ($id === T_STRING && !function_exists($name) && !isset($declared['functions'][strtolower($name)])) {
                        $add($name, $path);
                    } else if ($id === T_NAME_FULLY_QUALIFIED && !function_exists($name)) {
                        $add($name, $path);
                    }
                    continue;
                }
                if ($id === T_STRING && preg_match('/^[A-Z][A-Z0-9_]*$/', $name) && !defined($name)) {
                    $add($name, $path);
                }
            }
        }
        ksort($found);
        ksort($own);
        return ['moodle' => array_map('array_keys', $found), 'own' => array_map('array_keys', $own)];
    }

    /**
     * Whether the tokens at $i are "name(" preceded by "->name->": a call on a member of an object.
     *
     * @param array $t
     * @param int $i index of the called name
     * @return bool
     */
    private static function is_member_call(array $t, int $i): bool {
        return ($t[$i][0] ?? null) === T_STRING && ($t[$i + 1][1] ?? '') === '('
            && ($t[$i - 1][0] ?? null) === T_OBJECT_OPERATOR && ($t[$i - 2][0] ?? null) === T_STRING
            && ($t[$i - 3][0] ?? null) === T_OBJECT_OPERATOR;
    }

    /**
     * The classes and interfaces the plugins declare, with what each extends and implements (resolved names).
     *
     * @return array fqname => ['file' => relative path, 'extends' => string[], 'implements' => string[]]
     */
    public static function class_declarations(): array {
        $out = [];
        foreach (self::files() as $path) {
            $t = self::tokens($path);
            $ns = '';
            $uses = [];
            foreach ($t as $i => $tok) {
                if ($tok[0] === T_NAMESPACE) {
                    $ns = $t[$i + 1][1];
                } else if ($tok[0] === T_USE && ($t[$i + 2][1] ?? '') === ';') {
                    $full = ltrim($t[$i + 1][1], '\\');
                    $uses[strtolower(substr(strrchr('\\' . $full, '\\'), 1))] = $full;
                } else if (in_array($tok[0], [T_CLASS, T_INTERFACE], true) && ($t[$i + 1][0] ?? null) === T_STRING) {
                    $decl = ['file' => substr($path, strlen(AMPHI_PLUGIN_ROOT) + 1), 'extends' => [], 'implements' => []];
                    $list = null;
                    for ($j = $i + 2; isset($t[$j]) && $t[$j][1] !== '{'; $j++) {
                        if ($t[$j][0] === T_EXTENDS) {
                            $list = 'extends';
                        } else if ($t[$j][0] === T_IMPLEMENTS) {
                            $list = 'implements';
                        } else if ($list !== null && $t[$j][1] !== ',') {
                            $decl[$list][] = self::resolve($t[$j][1], $ns, $uses);
                        }
                    }
                    $out[ltrim($ns . '\\' . $t[$i + 1][1], '\\')] = $decl;
                }
            }
        }
        return $out;
    }

    /**
     * Language strings the plugins' JavaScript asks for, and the requests this reading could not follow.
     *
     * Read: core/str's getString('key', component) and get_strings([{key: 'key', component}, …]) in amd/src, and
     * M.util.get_string('key', component) in yui/src. The component may be written as a quoted name, or as a
     * constant assigned in the file or imported from a sibling module (how tiny_amphi and atto_amphi write it).
     * A key that is not a quoted string, or a component this cannot resolve, goes to 'unread'.
     *
     * @return array ['keys' => component => key => file name, 'unread' => string[]]
     */
    public static function js_string_requests(): array {
        $keys = [];
        $unread = [];
        foreach (self::js_files() as $path) {
            $code = file_get_contents($path);
            $name = basename($path);
            $requests = [];
            preg_match_all('/\{\s*key\s*:\s*([^,{}]+?)\s*,\s*component(?:\s*:\s*([^,{}]+?))?\s*\}/', $code, $m,
                PREG_SET_ORDER | PREG_OFFSET_CAPTURE);
            foreach ($m as $match) {
                $requests[$match[0][1]] = [$match[1][0], isset($match[2]) ? $match[2][0] : 'component'];
            }
            preg_match_all('/\b(?:getString|get_string)\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*[,)]/', $code, $m,
                PREG_SET_ORDER | PREG_OFFSET_CAPTURE);
            foreach ($m as $match) {
                $requests[$match[0][1]] = [$match[1][0], $match[2][0]];
            }
            // Every string request must be one of the forms above, or it would escape the language checks.
            $loose = '/\b(?:getString|get_string)\(/';
            if (strpos($code, "'core/str'") !== false) {
                $loose = '/\b(?:getString|get_string)\(|\{\s*key\s*:/';
            }
            preg_match_all($loose, $code, $m, PREG_OFFSET_CAPTURE);
            foreach ($m[0] as [$text, $offset]) {
                if (!isset($requests[$offset])) {
                    $unread[] = "{$name}: " . substr($code, $offset, 60);
                }
            }
            foreach ($requests as [$keyexpr, $componentexpr]) {
                $key = self::js_literal($keyexpr);
                $component = self::js_literal($componentexpr) ?? self::js_constant($path, $componentexpr);
                if ($key === null || $component === null) {
                    $unread[] = "{$name}: key {$keyexpr}, component {$componentexpr}";
                    continue;
                }
                $keys[$component][$key] = $name;
            }
        }
        return ['keys' => $keys, 'unread' => $unread];
    }

    /**
     * The plugins' JavaScript sources: amd/src (TinyMCE) and yui/src (Atto); built files are not read.
     *
     * @return string[] absolute paths
     */
    public static function js_files(): array {
        $files = [];
        foreach (self::PLUGINS as $plugin) {
            $dir = AMPHI_PLUGIN_ROOT . '/' . $plugin;
            $files = array_merge($files, glob($dir . '/amd/src/*.js') ?: [], glob($dir . '/yui/src/*/js/*.js') ?: []);
        }
        sort($files);
        return $files;
    }

    /**
     * @param string $expr
     * @return string|null the value of a quoted JavaScript string without escapes, or null
     */
    private static function js_literal(string $expr): ?string {
        return preg_match('/^([\'"])([^\'"\\\\]*)\1$/', $expr, $m) ? $m[2] : null;
    }

    /**
     * The string a JavaScript constant holds: assigned in the file, or imported from a sibling module.
     *
     * @param string $path
     * @param string $name
     * @return string|null
     */
    private static function js_constant(string $path, string $name): ?string {
        if (!preg_match('/^[A-Za-z_$][A-Za-z0-9_$]*$/', $name)) {
            return null;
        }
        $code = file_get_contents($path);
        if (preg_match('/\b(?:const|let|var)\s+(?:[^;]*?[,\s])?' . preg_quote($name, '/') . '\s*=\s*([\'"][^\'"]*[\'"])/',
                $code, $m)) {
            return self::js_literal($m[1]);
        }
        preg_match_all('/import\s*\{([^}]*)\}\s*from\s*[\'"]\.\/([A-Za-z0-9_-]+)[\'"]/', $code, $imports, PREG_SET_ORDER);
        foreach ($imports as [, $list, $module]) {
            foreach (explode(',', $list) as $item) {
                $parts = preg_split('/\s+as\s+/', trim($item));
                if (end($parts) === $name && is_readable(dirname($path) . "/{$module}.js")) {
                    return self::js_constant(dirname($path) . "/{$module}.js", $parts[0]);
                }
            }
        }
        return null;
    }

    /**
     * Whether the name at $i belongs to an implements list (names after commas).
     *
     * @param array $t
     * @param int $i
     * @return bool
     */
    private static function in_implements(array $t, int $i): bool {
        for ($j = $i - 1; $j >= 0; $j--) {
            if ($t[$j][0] === T_IMPLEMENTS) {
                return true;
            }
            if ($t[$j][1] === ',' || in_array($t[$j][0], [T_STRING, T_NAME_QUALIFIED, T_NAME_FULLY_QUALIFIED], true)) {
                continue;
            }
            return false;
        }
        return false;
    }

    /**
     * The fully qualified class name of a name as written.
     *
     * @param string $name
     * @param string $ns
     * @param array $uses
     * @return string
     */
    private static function resolve(string $name, string $ns, array $uses): string {
        if ($name[0] === '\\') {
            return substr($name, 1);
        }
        $first = strtolower(explode('\\', $name)[0]);
        if (isset($uses[$first])) {
            $rest = substr($name, strlen($first));
            return $uses[$first] . $rest;
        }
        return ltrim($ns . '\\' . $name, '\\');
    }
}
