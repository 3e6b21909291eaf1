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
 * Tests of local_amphi\deeplink_response.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_amphi\deeplink_response;
use local_amphi\jwt_checks;
use PHPUnit\Framework\TestCase;

/**
 * Content items and the message to the editor.
 *
 * @covers \local_amphi\deeplink_response
 */
final class deeplink_response_test extends TestCase {
    /**
     * A payload with these items.
     *
     * @param mixed $items
     * @return array
     */
    private static function with($items): array {
        return [jwt_checks::DL_CLAIM . 'content_items' => $items];
    }

    /**
     * An Amphi item.
     *
     * @param string $rid
     * @param array $extra
     * @return array
     */
    private static function item(string $rid, array $extra = []): array {
        return $extra + ['type' => 'ltiResourceLink', 'title' => 'T ' . $rid, 'url' => 'https://amphi.test/lti/launch',
            'custom' => ['amphi_resource_id' => $rid], 'iframe' => ['width' => 1280, 'height' => 800]];
    }

    public function test_items_are_read(): void {
        $read = deeplink_response::items(self::with([self::item('one'), self::item('two', ['iframe' => ['width' => '9999']])]));
        $this->assertSame([], $read['problems']);
        $this->assertSame([
            ['rid' => 'one', 'title' => 'T one', 'w' => 1280, 'h' => 800],
            ['rid' => 'two', 'title' => 'T two', 'w' => 3840, 'h' => 640],
        ], $read['items']);
    }

    public function test_defaults_when_no_size_or_title(): void {
        $item = ['type' => 'ltiResourceLink', 'custom' => ['amphi_resource_id' => 'v1', 'amphi_kind' => 'video']];
        $this->assertSame([['rid' => 'v1', 'title' => 'v1', 'w' => 640, 'h' => 360]],
            deeplink_response::items(self::with([$item]))['items']);
    }

    public function test_no_items_is_a_cancel(): void {
        $this->assertSame(['items' => [], 'problems' => []], deeplink_response::items([]));
        $this->assertSame(['items' => [], 'problems' => []], deeplink_response::items(self::with([])));
        $this->assertSame(['source' => 'local_amphi', 'type' => 'amphi:cancel'], deeplink_response::message([]));
    }

    public function test_one_bad_item_refuses_all(): void {
        foreach ([
            ['type' => 'link', 'url' => 'https://x.test'],
            self::item('bad id'),
            self::item('ok', ['custom' => []]),
            self::item('ok', ['type' => 'html']),
            'not an item',
        ] as $bad) {
            $read = deeplink_response::items(self::with([self::item('ok'), $bad]));
            $this->assertSame([], $read['items']);
            $this->assertSame(['item1'], $read['problems']);
        }
        $this->assertSame(['content_items'], deeplink_response::items(self::with('x'))['problems']);
    }

    public function test_message_and_script(): void {
        $placeholders = [['html' => '<a href="x">A</a>', 'resourceId' => 'one', 'title' => '</script><script>alert(1)</script>']];
        $message = deeplink_response::message($placeholders);
        $this->assertSame(['source' => 'local_amphi', 'type' => 'amphi:insert', 'placeholders' => $placeholders], $message);
        $script = deeplink_response::script($message, 'https://moodle.example.org');
        $this->assertStringStartsWith('<script>window.parent.postMessage({', $script);
        $this->assertStringEndsWith(', "https://moodle.example.org");</script>', $script);
        $this->assertSame(1, substr_count($script, '</script>'));
        $this->assertSame(1, substr_count($script, '<script>'));
        $json = substr($script, strlen('<script>window.parent.postMessage('), -strlen(', "https://moodle.example.org");</script>'));
        $this->assertSame($message, json_decode($json, true));
    }
}
