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
 * Tests of local_amphi\placeholder.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_amphi\placeholder;
use PHPUnit\Framework\TestCase;

/**
 * Signing, verifying, building and finding placeholders.
 *
 * @covers \local_amphi\placeholder
 */
final class placeholder_test extends TestCase {
    /** @var string */
    const ORIGIN = 'https://amphi.example.org';
    /** @var string */
    const RID = 'res-1234-abcd';
    /** @var string */
    const PH = 'AAAAAAAAAAAAAAAAAAAAAA';

    /**
     * A fixed 32-byte key.
     *
     * @return string
     */
    private static function secret(): string {
        return str_repeat("\x01", 32);
    }

    public function test_sign_matches_the_contract_message(): void {
        $sig = placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 7);
        $expected = rtrim(strtr(base64_encode(hash_hmac('sha256', 'amphi-placeholder|' . self::RID . '|' . self::PH . '|640|360|7',
            self::secret(), true)), '+/', '-_'), '=');
        $this->assertSame($expected, $sig);
        $this->assertMatchesRegularExpression(placeholder::SIG_PATTERN, $sig);
        $this->assertTrue(placeholder::verify(self::secret(), self::RID, self::PH, 640, 360, 7, $sig));
    }

    public function test_verify_refuses_tampered_fields_and_signatures(): void {
        $sig = placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 7);
        $this->assertFalse(placeholder::verify(self::secret(), 'other-resource', self::PH, 640, 360, 7, $sig));
        $this->assertFalse(placeholder::verify(self::secret(), self::RID, 'BAAAAAAAAAAAAAAAAAAAAA', 640, 360, 7, $sig));
        $this->assertFalse(placeholder::verify(self::secret(), self::RID, self::PH, 641, 360, 7, $sig));
        $this->assertFalse(placeholder::verify(self::secret(), self::RID, self::PH, 640, 361, 7, $sig));
        $flipped = ($sig[0] === 'A' ? 'B' : 'A') . substr($sig, 1);
        $this->assertFalse(placeholder::verify(self::secret(), self::RID, self::PH, 640, 360, 7, $flipped));
        $this->assertFalse(placeholder::verify(str_repeat("\x02", 32), self::RID, self::PH, 640, 360, 7, $sig));
        $this->assertFalse(placeholder::verify('', self::RID, self::PH, 640, 360, 7, $sig));
        $this->assertFalse(placeholder::verify(self::secret(), self::RID, self::PH, 640, 360, 7, $sig . 'A'));
    }

    public function test_the_course_is_signed(): void {
        $sig = placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 7);
        $this->assertNotSame($sig, placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 8));
        // The same link with another course written in it is refused: it must be signed for that course.
        $this->assertFalse(placeholder::verify(self::secret(), self::RID, self::PH, 640, 360, 8, $sig));
        $this->assertFalse(placeholder::verify(self::secret(), self::RID, self::PH, 640, 360, 70, $sig));
        $this->assertFalse(placeholder::verify(self::secret(), self::RID, self::PH, 640, 360, 0, $sig));
        // The message of the format before the course: a signature of it is not valid for any course.
        $old = rtrim(strtr(base64_encode(hash_hmac('sha256', 'amphi-placeholder|' . self::RID . '|' . self::PH . '|640|360',
            self::secret(), true)), '+/', '-_'), '=');
        $this->assertFalse(placeholder::verify(self::secret(), self::RID, self::PH, 640, 360, 7, $old));
        foreach ([0, -1] as $c) {
            $this->assertFalse(placeholder::valid_fields(self::RID, self::PH, 640, 360, $c), (string) $c);
        }
        $this->assertTrue(placeholder::valid_fields(self::RID, self::PH, 640, 360, 1));
        $this->assertTrue(placeholder::valid_fields(self::RID, self::PH, 640, 360, 9999999999));
        $this->assertFalse(placeholder::valid_fields(self::RID, self::PH, 640, 360, 10000000000));
        // A big course id goes through the whole round trip.
        $big = placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 123456789);
        $found = placeholder::parse(placeholder::build_html(self::ORIGIN, self::RID, self::PH, 640, 360, 123456789, $big, 'T'),
            self::ORIGIN);
        $this->assertSame(123456789, $found[0]['c']);
        $this->assertTrue($found[0]['wellformed']);
        $this->assertTrue(placeholder::verify(self::secret(), self::RID, self::PH, 640, 360, $found[0]['c'], $found[0]['sig']));
        $this->expectException(\InvalidArgumentException::class);
        placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 0);
    }

    public function test_sizes_outside_the_ranges_are_refused(): void {
        foreach ([[199, 360], [3841, 360], [640, 149], [640, 2161], [0, 0]] as [$w, $h]) {
            $this->assertFalse(placeholder::valid_fields(self::RID, self::PH, $w, $h, 7), "{$w}x{$h}");
            $this->assertFalse(placeholder::verify(self::secret(), self::RID, self::PH, $w, $h, 7, str_repeat('A', 43)));
        }
        foreach ([[200, 150], [3840, 2160]] as [$w, $h]) {
            $this->assertTrue(placeholder::valid_fields(self::RID, self::PH, $w, $h, 7));
        }
        $this->expectException(\InvalidArgumentException::class);
        placeholder::sign(self::secret(), self::RID, self::PH, 100, 100, 7);
    }

    public function test_resource_and_placeholder_ids_are_checked(): void {
        $this->assertFalse(placeholder::valid_fields('', self::PH, 640, 360, 7));
        $this->assertFalse(placeholder::valid_fields(str_repeat('a', 65), self::PH, 640, 360, 7));
        $this->assertFalse(placeholder::valid_fields('a_b', self::PH, 640, 360, 7));
        $this->assertFalse(placeholder::valid_fields('a/../b', self::PH, 640, 360, 7));
        $this->assertFalse(placeholder::valid_fields(self::RID, 'short', 640, 360, 7));
        $this->assertTrue(placeholder::valid_fields(str_repeat('a', 64), self::PH, 640, 360, 7));
        $this->assertMatchesRegularExpression(placeholder::PH_PATTERN, placeholder::new_id());
        $this->assertNotSame(placeholder::new_id(), placeholder::new_id());
    }

    public function test_secret_from_config(): void {
        $this->assertNull(placeholder::secret_from_config(false));
        $this->assertNull(placeholder::secret_from_config(''));
        $this->assertNull(placeholder::secret_from_config('not base64!'));
        $this->assertNull(placeholder::secret_from_config(base64_encode(str_repeat('x', 16))));
        $this->assertSame(self::secret(), placeholder::secret_from_config(base64_encode(self::secret())));
    }

    public function test_origin_of(): void {
        $this->assertSame('https://amphi.example.org', placeholder::origin_of('https://Amphi.Example.org/lti/launch?x=1'));
        $this->assertSame('https://amphi.example.org', placeholder::origin_of('https://amphi.example.org:443/'));
        $this->assertSame('http://localhost:8080', placeholder::origin_of('http://localhost:8080/lti'));
        $this->assertSame('http://[::1]:3000', placeholder::origin_of('http://[::1]:3000/x'));
        $this->assertNull(placeholder::origin_of('javascript:alert(1)'));
        $this->assertNull(placeholder::origin_of('/embed/x'));
        $this->assertNull(placeholder::origin_of('https://amphi.example.org@evil.example/embed/x'));
    }

    public function test_build_html_is_the_contract_link(): void {
        $sig = placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 7);
        $html = placeholder::build_html(self::ORIGIN, self::RID, self::PH, 640, 360, 7, $sig, 'Cours <1> & "quiz"');
        $this->assertSame('<a href="https://amphi.example.org/embed/' . self::RID . '?ph=' . self::PH
            . '&amp;w=640&amp;h=360&amp;c=7&amp;sig=' . $sig . '">Cours &lt;1&gt; &amp; &quot;quiz&quot;</a>', $html);
    }

    public function test_titles_are_one_line_and_at_most_255_characters(): void {
        $this->assertSame(str_repeat('é', 255), placeholder::clean_title(str_repeat('é', 300), 'x'));
        $this->assertSame('a b', placeholder::clean_title("  a \n\t b ", 'x'));
        $this->assertSame('fallback', placeholder::clean_title('   ', 'fallback'));
        $this->assertSame('fallback', placeholder::clean_title("bad \xff utf8", 'fallback'));
    }

    public function test_parse_reads_back_what_build_html_wrote(): void {
        $sig = placeholder::sign(self::secret(), self::RID, self::PH, 960, 640, 7);
        $link = placeholder::build_html(self::ORIGIN, self::RID, self::PH, 960, 640, 7, $sig, 'Classe & co');
        $text = '<p>Before ' . $link . ' after</p>';
        $found = placeholder::parse($text, self::ORIGIN);
        $this->assertCount(1, $found);
        $p = $found[0];
        $this->assertTrue($p['wellformed']);
        $this->assertSame([self::RID, self::PH, 960, 640, 7, $sig, 'Classe & co'],
            [$p['rid'], $p['ph'], $p['w'], $p['h'], $p['c'], $p['sig'], $p['title']]);
        $this->assertSame($link, substr($text, $p['offset'], $p['length']));
        $this->assertSame($link, $p['html']);
    }

    public function test_parse_accepts_any_attribute_order_quotes_and_entities(): void {
        $sig = placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 7);
        $query = 'ph=' . self::PH . '&w=640&h=360&c=7&sig=' . $sig;
        $variants = [
            '<a class="x" title="a > b" href="' . self::ORIGIN . '/embed/' . self::RID . '?' . str_replace('&', '&amp;', $query) . '">T</a>',
            "<A HREF='" . self::ORIGIN . '/embed/' . self::RID . '?' . str_replace('&', '&#38;', $query) . "' target=_blank>T</A>",
            '<a href=' . self::ORIGIN . '/embed/' . self::RID . '?' . $query . '>T</a >',
            '<a data-x="1"' . "\n" . ' href = "' . self::ORIGIN . '/embed/' . self::RID . '?' . str_replace('&', '&#x26;', $query) . '"><b>T</b></a>',
            '<a href="HTTPS://AMPHI.EXAMPLE.ORG:443/embed/' . self::RID . '?sig=' . $sig . '&amp;h=360&amp;c=7&amp;w=640&amp;ph=' . self::PH . '#top">T</a>',
        ];
        foreach ($variants as $html) {
            $found = placeholder::parse($html, self::ORIGIN);
            $this->assertCount(1, $found, $html);
            $this->assertTrue($found[0]['wellformed'], $html);
            $this->assertSame('T', $found[0]['title'], $html);
            $this->assertTrue(placeholder::verify(self::secret(), $found[0]['rid'], $found[0]['ph'], $found[0]['w'],
                $found[0]['h'], $found[0]['c'], $found[0]['sig']), $html);
        }
    }

    public function test_parse_finds_several_placeholders_in_order(): void {
        $a = placeholder::build_html(self::ORIGIN, 'one', self::PH, 640, 360, 7,
            placeholder::sign(self::secret(), 'one', self::PH, 640, 360, 7), 'One');
        $b = placeholder::build_html(self::ORIGIN, 'two', self::PH, 800, 600, 7,
            placeholder::sign(self::secret(), 'two', self::PH, 800, 600, 7), 'Two');
        $found = placeholder::parse("<p>$a</p><p><a href=\"https://example.com\">x</a></p><div>$b</div>", self::ORIGIN);
        $this->assertSame(['one', 'two'], array_column($found, 'rid'));
        $this->assertLessThan($found[1]['offset'], $found[0]['offset']);
    }

    public function test_links_elsewhere_are_ignored(): void {
        $sig = placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 7);
        $texts = [
            '<a href="https://evil.example/embed/' . self::RID . '?ph=' . self::PH . '&amp;w=640&amp;h=360&amp;c=7&amp;sig=' . $sig . '">x</a>',
            '<a href="http://amphi.example.org/embed/' . self::RID . '?ph=' . self::PH . '&amp;w=640&amp;h=360&amp;c=7&amp;sig=' . $sig . '">x</a>',
            '<a href="https://amphi.example.org/other/' . self::RID . '">x</a>',
            '<a href="https://www.youtube.com/embed/abc">video</a>',
            '<p>no link at all, only text mentioning /embed/</p>',
            '',
        ];
        foreach ($texts as $text) {
            $this->assertSame([], placeholder::parse($text, self::ORIGIN), $text);
        }
    }

    public function test_malformed_placeholders_of_our_origin_are_reported(): void {
        $base = self::ORIGIN . '/embed/' . self::RID . '?ph=' . self::PH;
        $texts = [
            '<a href="' . $base . '&amp;w=640&amp;h=360&amp;c=7">no sig</a>',
            '<a href="' . $base . '&amp;w=99999&amp;h=360&amp;c=7&amp;sig=' . str_repeat('A', 43) . '">bad size</a>',
            '<a href="' . $base . '&amp;w=640&amp;w=641&amp;h=360&amp;c=7&amp;sig=' . str_repeat('A', 43) . '">repeated</a>',
            '<a href="' . self::ORIGIN . '/embed/bad_id?ph=' . self::PH . '&amp;w=640&amp;h=360&amp;c=7&amp;sig=' . str_repeat('A', 43) . '">id</a>',
            // The course it was made in: missing (a placeholder of the format before c), zero, not a number, repeated.
            '<a href="' . $base . '&amp;w=640&amp;h=360&amp;sig=' . str_repeat('A', 43) . '">no course</a>',
            '<a href="' . $base . '&amp;w=640&amp;h=360&amp;c=0&amp;sig=' . str_repeat('A', 43) . '">course 0</a>',
            '<a href="' . $base . '&amp;w=640&amp;h=360&amp;c=07&amp;sig=' . str_repeat('A', 43) . '">course 07</a>',
            '<a href="' . $base . '&amp;w=640&amp;h=360&amp;c=-7&amp;sig=' . str_repeat('A', 43) . '">course -7</a>',
            '<a href="' . $base . '&amp;w=640&amp;h=360&amp;c=7&amp;c=8&amp;sig=' . str_repeat('A', 43) . '">two courses</a>',
        ];
        foreach ($texts as $text) {
            $found = placeholder::parse($text, self::ORIGIN);
            $this->assertCount(1, $found, $text);
            $this->assertFalse($found[0]['wellformed'], $text);
        }
    }

    public function test_without_origin_only_complete_placeholders_are_reported(): void {
        $sig = placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 7);
        $link = placeholder::build_html(self::ORIGIN, self::RID, self::PH, 640, 360, 7, $sig, 'T');
        $this->assertCount(1, placeholder::parse($link . '<a href="https://www.youtube.com/embed/abc">v</a>', null));
    }

    public function test_malformed_html_never_throws(): void {
        $sig = placeholder::sign(self::secret(), self::RID, self::PH, 640, 360, 7);
        $good = placeholder::build_html(self::ORIGIN, self::RID, self::PH, 640, 360, 7, $sig, 'Good');
        $texts = [
            '<a href="' . self::ORIGIN . '/embed/x?ph=1',
            '<a href="' . self::ORIGIN . '/embed/' . self::RID . '">never closed',
            '<a <a <a href=">' . str_repeat('<a ', 2000),
            "<a href='unterminated>/embed/</a>",
            '<a href="' . self::ORIGIN . '/embed/' . self::RID . '"><a href="x">nested</a></a>',
            "\xff\xfe<a href=\"\xff\">/embed/</a>",
            str_repeat('<p>/embed/ <a', 5000),
            '<a href="' . self::ORIGIN . '/embed/' . self::RID . '?ph=' . self::PH . '&w=640&h=360&c=7&sig=' . $sig . '">unclosed ' . $good,
        ];
        foreach ($texts as $text) {
            $this->assertIsArray(placeholder::parse($text, self::ORIGIN));
        }
        // A broken link before a good one does not hide the good one.
        $found = placeholder::parse($texts[1] . ' ' . $good, self::ORIGIN);
        $this->assertContains('Good', array_column($found, 'title'));
    }

    public function test_clamp_and_default_sizes(): void {
        $this->assertSame([640, 360], placeholder::default_size('video'));
        $this->assertSame([960, 640], placeholder::default_size('classroom'));
        $this->assertSame(3840, placeholder::clamp(10000, 200, 3840, 960));
        $this->assertSame(200, placeholder::clamp(10, 200, 3840, 960));
        $this->assertSame(800, placeholder::clamp('800', 200, 3840, 960));
        $this->assertSame(960, placeholder::clamp('80%', 200, 3840, 960));
        $this->assertSame(960, placeholder::clamp(null, 200, 3840, 960));
        $this->assertSame(960, placeholder::clamp(12.5, 200, 3840, 960));
    }

    public function test_context_token_matches_the_message_and_is_not_bound_to_the_user(): void {
        $t = placeholder::context_token(self::secret(), self::PH, 7, 33);
        $expected = rtrim(strtr(base64_encode(hash_hmac('sha256', 'amphi-embed|' . self::PH . '|7|33', self::secret(), true)),
            '+/', '-_'), '=');
        $this->assertSame($expected, $t);
        $this->assertMatchesRegularExpression(placeholder::SIG_PATTERN, $t);
        $this->assertTrue(placeholder::verify_context_token(self::secret(), self::PH, 7, 33, $t));
    }

    public function test_verify_context_token_refuses_another_context_course_placeholder_or_tampering(): void {
        $t = placeholder::context_token(self::secret(), self::PH, 7, 33);
        // Another context of the same course (a visible activity's token used for a hidden one).
        $this->assertFalse(placeholder::verify_context_token(self::secret(), self::PH, 7, 34, $t));
        // Another course.
        $this->assertFalse(placeholder::verify_context_token(self::secret(), self::PH, 8, 33, $t));
        // Another placeholder.
        $this->assertFalse(placeholder::verify_context_token(self::secret(), 'BBBBBBBBBBBBBBBBBBBBBB', 7, 33, $t));
        // Another site's secret.
        $this->assertFalse(placeholder::verify_context_token(str_repeat("\x02", 32), self::PH, 7, 33, $t));
        // Tampered or malformed tokens.
        $tampered = ($t[0] === 'A' ? 'B' : 'A') . substr($t, 1);
        $this->assertFalse(placeholder::verify_context_token(self::secret(), self::PH, 7, 33, $tampered));
        $this->assertFalse(placeholder::verify_context_token(self::secret(), self::PH, 7, 33, substr($t, 1)));
        $this->assertFalse(placeholder::verify_context_token(self::secret(), self::PH, 7, 33, ''));
        // Zero or negative ids, an empty secret, a malformed ph.
        $this->assertFalse(placeholder::verify_context_token(self::secret(), self::PH, 7, 0,
            placeholder::context_token(self::secret(), self::PH, 7, 0)));
        $this->assertFalse(placeholder::verify_context_token(self::secret(), self::PH, 0, 33,
            placeholder::context_token(self::secret(), self::PH, 0, 33)));
        $this->assertFalse(placeholder::verify_context_token('', self::PH, 7, 33, placeholder::context_token('', self::PH, 7, 33)));
        $this->assertFalse(placeholder::verify_context_token(self::secret(), 'x', 7, 33,
            placeholder::context_token(self::secret(), 'x', 7, 33)));
    }
}
