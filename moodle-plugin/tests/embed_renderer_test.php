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
 * Tests of local_amphi\embed_renderer (what filter_amphi outputs).
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_amphi\embed_renderer;
use local_amphi\placeholder;
use PHPUnit\Framework\TestCase;

/**
 * Filter output for valid, invalid and unusable placeholders.
 *
 * @covers \local_amphi\embed_renderer
 */
final class embed_renderer_test extends TestCase {
    /** @var string */
    const ORIGIN = 'https://amphi.example.org';
    /** @var string */
    const WWWROOT = 'https://moodle.example.org/moodle';
    /** @var string */
    const PH = 'abcdefghijklmnopqrstuv';
    /** @var int Context of the filtered text. */
    const CTX = 33;
    /** @var string[] */
    const MESSAGES = ['placeholderinvalid' => 'Invalid <link>', 'notconfigured' => 'Not configured', 'nocourse' => 'No course'];

    /**
     * @return string
     */
    private static function secret(): string {
        return str_repeat('k', 32);
    }

    /**
     * A signed placeholder.
     *
     * @param string $rid
     * @param string $title
     * @return string
     */
    private static function link(string $rid, string $title = 'Title'): string {
        return placeholder::build_html(self::ORIGIN, $rid, self::PH, 640, 360, 7,
            placeholder::sign(self::secret(), $rid, self::PH, 640, 360, 7), $title);
    }

    /**
     * Runs the filter.
     *
     * @param string $text
     * @param int|null $courseid
     * @param string|null $origin
     * @param string|null $secret
     * @param int|null $contextid
     * @return string
     */
    private static function filter(string $text, ?int $courseid = 7, ?string $origin = self::ORIGIN,
            ?string $secret = 'default', ?int $contextid = self::CTX): string {
        return embed_renderer::filter_text($text, $origin, $secret === 'default' ? self::secret() : $secret,
            self::WWWROOT, $courseid, $contextid, self::MESSAGES);
    }

    public function test_a_valid_placeholder_becomes_the_contract_iframe(): void {
        $sig = placeholder::sign(self::secret(), 'res-1', self::PH, 640, 360, 7);
        $token = placeholder::context_token(self::secret(), self::PH, 7, self::CTX);
        $this->assertTrue(placeholder::verify_context_token(self::secret(), self::PH, 7, self::CTX, $token));
        $out = self::filter('<p>' . self::link('res-1', 'Cours "A" & <B>') . '</p>');
        $o = self::ORIGIN;
        $expected = '<p><iframe class="amphi-embed" src="' . self::WWWROOT . '/local/amphi/launch.php?course=7&amp;rid=res-1'
            . '&amp;ph=' . self::PH . '&amp;w=640&amp;h=360&amp;c=7&amp;sig=' . $sig
            . '&amp;ctx=' . self::CTX . '&amp;t=' . $token . '" title="Cours &quot;A&quot; &amp; &lt;B&gt;"'
            . ' width="640" height="360" style="width: 100%; max-width: 640px; height: auto; aspect-ratio: 640 / 360;" loading="lazy"'
            . " allow=\"autoplay {$o}; fullscreen {$o}; camera {$o}; microphone {$o}; display-capture {$o}; clipboard-write {$o}\""
            . ' allowfullscreen></iframe></p>';
        $this->assertSame($expected, $out);
        $this->assertStringNotContainsString('*', $out);
    }

    public function test_the_allow_attribute_is_escaped(): void {
        $html = embed_renderer::iframe(self::WWWROOT, 7, self::CTX, ['rid' => 'r', 'ph' => self::PH, 'w' => 640, 'h' => 360,
            'c' => 7, 'sig' => 'x', 'title' => 't'], 'https://a.example"><script>', self::secret());
        $this->assertStringContainsString('allow="autoplay https://a.example&quot;&gt;&lt;script&gt;; ', $html);
        $this->assertStringNotContainsString('<script>', $html);
    }

    public function test_a_placeholder_from_another_course_still_renders_and_carries_its_course(): void {
        // The filter cannot check capabilities cheaply: launch.php decides, per viewer, with c and course.
        $out = self::filter(self::link('res-1'), 9);
        $this->assertStringContainsString('launch.php?course=9&amp;rid=res-1', $out);
        $this->assertStringContainsString('&amp;c=7&amp;sig=', $out);
        // The context token is bound to the page's course (9), not the placeholder's.
        $this->assertStringContainsString('&amp;ctx=33&amp;t=' . placeholder::context_token(self::secret(), self::PH, 9, 33)
            . '"', $out);
    }

    public function test_each_context_gets_its_own_token(): void {
        $a = self::filter(self::link('res-1'), 7, self::ORIGIN, 'default', 33);
        $b = self::filter(self::link('res-1'), 7, self::ORIGIN, 'default', 34);
        $this->assertStringContainsString('&amp;ctx=33&amp;t=' . placeholder::context_token(self::secret(), self::PH, 7, 33), $a);
        $this->assertStringContainsString('&amp;ctx=34&amp;t=' . placeholder::context_token(self::secret(), self::PH, 7, 34), $b);
        $this->assertNotSame($a, $b);
    }

    public function test_several_placeholders_in_one_text(): void {
        $out = self::filter('<p>' . self::link('one') . '</p><p>text</p><p>' . self::link('two') . ' and ' . self::link('three') . '</p>');
        $this->assertSame(3, substr_count($out, '<iframe'));
        $this->assertStringContainsString('rid=one&amp;', $out);
        $this->assertStringContainsString('rid=two&amp;', $out);
        $this->assertStringContainsString('rid=three&amp;', $out);
        $this->assertStringContainsString('<p>text</p>', $out);
        $this->assertStringNotContainsString('<a ', $out);
    }

    public function test_a_tampered_placeholder_keeps_the_link_with_a_note(): void {
        $link = str_replace('w=640', 'w=641', self::link('res-1'));
        $out = self::filter($link);
        $this->assertSame($link . '<span class="amphi-embed-note">Invalid &lt;link&gt;</span>', $out);
    }

    public function test_a_placeholder_with_its_course_changed_is_invalid(): void {
        $link = str_replace('c=7', 'c=9', self::link('res-1'));
        $this->assertStringContainsString('c=9&amp;', $link);
        $this->assertSame($link . '<span class="amphi-embed-note">Invalid &lt;link&gt;</span>', self::filter($link, 9));
    }

    public function test_a_placeholder_signed_by_another_site_is_invalid(): void {
        $link = placeholder::build_html(self::ORIGIN, 'res-1', self::PH, 640, 360, 7,
            placeholder::sign(str_repeat('z', 32), 'res-1', self::PH, 640, 360, 7), 'T');
        $this->assertStringContainsString('amphi-embed-note">Invalid', self::filter($link));
    }

    public function test_outside_a_course_the_link_stays_with_a_note(): void {
        $link = self::link('res-1');
        $this->assertSame($link . '<span class="amphi-embed-note">No course</span>', self::filter($link, null));
        $this->assertSame($link . '<span class="amphi-embed-note">No course</span>', self::filter($link, 0));
        // Without the text's context there is nothing launch.php could check access to.
        $this->assertSame($link . '<span class="amphi-embed-note">No course</span>',
            self::filter($link, 7, self::ORIGIN, 'default', null));
        $this->assertSame($link . '<span class="amphi-embed-note">No course</span>',
            self::filter($link, 7, self::ORIGIN, 'default', 0));
    }

    public function test_without_configuration_the_link_stays_with_a_note(): void {
        $link = self::link('res-1');
        $note = '<span class="amphi-embed-note">Not configured</span>';
        $this->assertSame($link . $note, self::filter($link, 7, null));
        $this->assertSame($link . $note, self::filter($link, 7, self::ORIGIN, null));
    }

    public function test_another_origin_is_left_alone(): void {
        $link = self::link('res-1');
        $this->assertSame($link, self::filter($link, 7, 'https://other.example.org'));
    }

    public function test_texts_without_placeholders_are_returned_unchanged(): void {
        foreach (['', 'plain', '<p><a href="https://example.com/embed/x">video</a></p>', '<a href="/embed/">x</a>',
                '<div><a href="https://amphi.example.org/">home</a></div>'] as $text) {
            $this->assertSame($text, self::filter($text));
        }
    }

    public function test_malformed_html_is_returned_without_error(): void {
        $text = '<p><a href="' . self::ORIGIN . '/embed/res-1?ph=x">broken <b></p>' . str_repeat('<a ', 100);
        $this->assertSame($text, self::filter($text));
    }
}
