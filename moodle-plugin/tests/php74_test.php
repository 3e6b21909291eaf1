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
 * The plugins' PHP stays PHP 7.4 syntax (Moodle 4.1 runs on 7.4) although the tests run on PHP 8.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use PHPUnit\Framework\TestCase;

require_once(__DIR__ . '/source_scanner.php');

/**
 * Looks for PHP 8 syntax and functions with the tokenizer: php -l of PHP 8 cannot see them.
 *
 * @coversNothing
 */
final class php74_test extends TestCase {
    /** @var string[] Functions added in PHP 8. */
    const PHP8_FUNCTIONS = ['str_contains', 'str_starts_with', 'str_ends_with', 'get_debug_type', 'array_is_list', 'fdiv',
        'get_resource_id', 'preg_last_error_msg', 'array_find', 'array_any', 'array_all'];

    /**
     * PHP 8 constructs of a piece of code.
     *
     * @param string $code
     * @return string[]
     */
    public static function problems(string $code): array {
        $t = [];
        foreach (token_get_all($code) as $tok) {
            if (!is_array($tok) || !in_array($tok[0], [T_WHITESPACE, T_COMMENT, T_DOC_COMMENT], true)) {
                $t[] = is_array($tok) ? $tok : [null, $tok, 0];
            }
        }
        $found = [];
        $forbidden = [T_MATCH => 'match', T_NULLSAFE_OBJECT_OPERATOR => '?->', T_ATTRIBUTE => '#[...]', T_ENUM => 'enum',
            T_READONLY => 'readonly'];
        $infunction = false;
        $depth = 0;
        $beforevar = true;
        foreach ($t as $i => [$id, $text]) {
            $prev = $t[$i - 1] ?? [null, ''];
            $next = $t[$i + 1] ?? [null, ''];
            if (isset($forbidden[$id])) {
                $found[] = $forbidden[$id];
            }
            if ($id === T_STRING && $next[1] === '(' && in_array(strtolower($text), self::PHP8_FUNCTIONS, true)
                    && $prev[0] !== T_OBJECT_OPERATOR && $prev[0] !== T_DOUBLE_COLON && $prev[0] !== T_FUNCTION) {
                $found[] = $text . '()';
            }
            if ($id === T_STRING && $next[1] === ':' && in_array($prev[1], ['(', ','], true)) {
                $found[] = 'named argument ' . $text;
            }
            if ($id === T_ELLIPSIS && $prev[1] === '(' && $next[1] === ')') {
                $found[] = 'first-class callable';
            }
            if ($id === T_CATCH && isset($t[$i + 3]) && $t[$i + 3][1] === ')') {
                $found[] = 'catch without variable';
            }
            if ($id === T_FUNCTION) {
                $infunction = true;
                $depth = 0;
                $beforevar = true;
                continue;
            }
            if ($infunction) {
                if ($text === '(') {
                    $depth++;
                } else if ($text === ')') {
                    $depth--;
                    if ($depth === 0) {
                        $infunction = false;
                        $ret = [$t[$i + 1][1] ?? '', $t[$i + 2] ?? [null, '']];
                        if ($ret[0] === ':' && (in_array(strtolower($ret[1][1]), ['mixed', 'never', 'static'], true))) {
                            $found[] = 'return type ' . $ret[1][1];
                        }
                        if ($prev[1] === ',') {
                            $found[] = 'trailing comma in parameters';
                        }
                    }
                } else if ($depth === 1) {
                    if ($text === ',') {
                        $beforevar = true;
                    } else if ($id === T_VARIABLE) {
                        $beforevar = false;
                    } else if ($beforevar && $text === '|') {
                        $found[] = 'union type';
                    } else if ($beforevar && in_array($id, [T_PUBLIC, T_PROTECTED, T_PRIVATE], true)) {
                        $found[] = 'constructor promotion';
                    } else if ($beforevar && $id === T_STRING && in_array(strtolower($text), ['mixed', 'never'], true)) {
                        $found[] = 'type ' . $text;
                    }
                }
            }
        }
        return $found;
    }

    public function test_the_checker_sees_php8_syntax(): void {
        $samples = [
            '<?php $a = match($x) { 1 => 2 };' => 'match',
            '<?php $a = $b?->c;' => '?->',
            '<?php #[Attr] function f() {}' => '#[...]',
            '<?php if (str_contains($a, "b")) {}' => 'str_contains()',
            '<?php f(name: 1);' => 'named argument name',
            '<?php $f = strlen(...);' => 'first-class callable',
            '<?php function f(int|string $a) {}' => 'union type',
            '<?php class A { function __construct(private $x) {} }' => 'constructor promotion',
            '<?php function f(mixed $a) {}' => 'type mixed',
            '<?php function f($a): static {}' => 'return type static',
            '<?php function f($a, $b,) {}' => 'trailing comma in parameters',
            '<?php try {} catch (Exception) {}' => 'catch without variable',
        ];
        foreach ($samples as $code => $problem) {
            $this->assertContains($problem, self::problems($code), $code);
        }
        $this->assertSame([], self::problems('<?php function f(?int $a = A | B, array $b = []): ?string { return $a ? "x" : "y"; }'));
    }

    public function test_plugins_use_php74_syntax_only(): void {
        foreach (source_scanner::files() as $file) {
            $this->assertSame([], self::problems(file_get_contents($file)), $file);
        }
    }
}
