/**
 * BigBlueButton opens in a tab of its own, as Moodle's BigBlueButton activity does: inside the
 * LMS iframe the browser would not grant camera, microphone and screen sharing (Moodle's LTI
 * iframe has no allow="camera; microphone; display-capture"), and the meeting would be a box in a
 * course page. The tab is opened at the click, before the join answer, so that popup blockers let
 * it through (a window opened after an await is no longer a user gesture); it is pointed at BBB
 * once the answer comes, cut from this page first (noopener, for a window we must still steer).
 */
export interface MeetingTab {
  /** Sends the tab to the join URL; false when no tab could be opened (the page then shows a link). */
  go(url: string): boolean;
  close(): void;
}

function blankTab(): Window | null {
  try {
    const tab = window.open('about:blank', '_blank');
    if (tab) tab.opener = null;
    return tab;
  } catch {
    return null;
  }
}

/** `atClick`: open the tab now (inside a click handler); otherwise only when the URL is there (after waiting). */
export function openMeetingTab(atClick: boolean): MeetingTab {
  let tab = atClick ? blankTab() : null;
  return {
    go(url) {
      if (!tab || tab.closed) tab = blankTab();
      if (!tab) return false;
      tab.location.href = url;
      return true;
    },
    close() {
      if (tab && !tab.closed) tab.close();
      tab = null;
    },
  };
}
