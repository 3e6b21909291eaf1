/**
 * Answers in the shapes the BBB API docs publish (https://docs.bigbluebutton.org/development/api/),
 * copied from its examples and trimmed; a few edge cases added where noted.
 */

export const CREATE_DUPLICATE = `<response>
  <returncode>SUCCESS</returncode>
  <meetingID>Test</meetingID>
  <internalMeetingID>640ab2bae07bedc4c163f679a746f7ab7fb5d1fa-1531155809613</internalMeetingID>
  <parentMeetingID>bbb-none</parentMeetingID>
  <attendeePW>ap</attendeePW>
  <moderatorPW>mp</moderatorPW>
  <createTime>1531155809613</createTime>
  <voiceBridge>70757</voiceBridge>
  <dialNumber>613-555-1234</dialNumber>
  <createDate>Mon Jul 09 17:03:29 UTC 2018</createDate>
  <hasUserJoined>false</hasUserJoined>
  <duration>0</duration>
  <hasBeenForciblyEnded>false</hasBeenForciblyEnded>
  <messageKey>duplicateWarning</messageKey>
  <message>This conference was already in existence and may currently be in progress.</message>
</response>`;

/** A first create: no messageKey; a meetingID made of digits with a leading zero. */
export const CREATE_NEW = `<?xml version="1.0" encoding="UTF-8"?>
<response><returncode>SUCCESS</returncode><meetingID>0123</meetingID><internalMeetingID>9f6b-1700000000000</internalMeetingID><createTime>1700000000000</createTime><voiceBridge>01234</voiceBridge><messageKey></messageKey><message></message></response>`;

export const MEETING_INFO = `<response>
	<returncode>SUCCESS</returncode>
	<meetingName>Anton G's Room</meetingName>
	<meetingID>gbesu6dht08uobpislzqxsizjzihn87cmewqyacs</meetingID>
	<internalMeetingID>a0715c95000a2bcb90604ecc7097dbc94592c690-1715261728123</internalMeetingID>
	<createTime>1715261728123</createTime>
	<createDate>Thu May 09 13:35:28 UTC 2024</createDate>
	<voiceBridge>66052</voiceBridge>
	<running>true</running>
	<duration>0</duration>
	<hasUserJoined>true</hasUserJoined>
	<recording>true</recording>
	<hasBeenForciblyEnded>false</hasBeenForciblyEnded>
	<startTime>1715261728142</startTime>
	<endTime>0</endTime>
	<participantCount>1</participantCount>
	<listenerCount>0</listenerCount>
	<voiceParticipantCount>1</voiceParticipantCount>
	<videoCount>1</videoCount>
	<maxUsers>0</maxUsers>
	<moderatorCount>1</moderatorCount>
	<attendees>
		<attendee>
			<userID>w_ftcrsyuh44oj</userID>
			<fullName>Anton G</fullName>
			<role>MODERATOR</role>
			<isPresenter>true</isPresenter>
			<isListeningOnly>false</isListeningOnly>
			<hasJoinedVoice>true</hasJoinedVoice>
			<hasVideo>true</hasVideo>
			<clientType>HTML5</clientType>
			<customdata></customdata>
		</attendee>
	</attendees>
	<metadata>
		<bbb-origin-version>summit2024-6d8120x</bbb-origin-version>
		<bbb-origin-server-name>test30.bigbluebutton.org</bbb-origin-server-name>
		<bbb-recording-ready-url>https://test30.bigbluebutton.org/recording_ready</bbb-recording-ready-url>
		<bbb-origin>greenlight</bbb-origin>
		<endcallbackurl>https://test30.bigbluebutton.org/meeting_ended?a=1&amp;b=2</endcallbackurl>
	</metadata>
	<isBreakout>false</isBreakout>
</response>`;

export const MEETINGS = `<response>
  <returncode>SUCCESS</returncode>
  <meetings>
    <meeting>
      <meetingName>Demo Meeting</meetingName>
      <meetingID>Demo Meeting</meetingID>
      <internalMeetingID>183f0bf3a0982a127bdb8161e0c44eb696b3e75c-1531241258036</internalMeetingID>
      <createTime>1531241258036</createTime>
      <running>false</running>
      <hasUserJoined>false</hasUserJoined>
      <hasBeenForciblyEnded>false</hasBeenForciblyEnded>
      <startTime>1531241258074</startTime>
      <endTime>0</endTime>
      <participantCount>0</participantCount>
      <moderatorCount>0</moderatorCount>
      <attendees />
      <metadata />
      <isBreakout>false</isBreakout>
    </meeting>
    <meeting>
      <meetingName>Two</meetingName>
      <meetingID>two</meetingID>
      <internalMeetingID>aa-1</internalMeetingID>
      <createTime>1</createTime>
      <running>true</running>
      <attendees>
        <attendee><userID>u1</userID><fullName>Ana</fullName><role>VIEWER</role><isPresenter>false</isPresenter></attendee>
        <attendee><userID>u2</userID><fullName>Bo</fullName><role>MODERATOR</role><isPresenter>true</isPresenter></attendee>
      </attendees>
      <metadata><course>42</course></metadata>
    </meeting>
  </meetings>
</response>`;

export const NO_MEETINGS = `<response><returncode>SUCCESS</returncode><meetings/><messageKey>noMeetings</messageKey><message>no meetings were found on this server</message></response>`;

export const RECORDINGS = `<response>
   <returncode>SUCCESS</returncode>
   <recordings>
      <recording>
         <recordID>ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124</recordID>
         <meetingID>c637ba21adcd0191f48f5c4bf23fab0f96ed5c18</meetingID>
         <internalMeetingID>ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124</internalMeetingID>
         <name>Fred's Room</name>
         <isBreakout>false</isBreakout>
         <published>true</published>
         <state>published</state>
         <startTime>1530718721124</startTime>
         <endTime>1530718810456</endTime>
         <participants>3</participants>
         <metadata>
            <isBreakout>false</isBreakout>
            <meetingName>Fred's Room</meetingName>
            <gl-listed>false</gl-listed>
            <meetingId>c637ba21adcd0191f48f5c4bf23fab0f96ed5c18</meetingId>
         </metadata>
         <playback>
            <format>
               <type>podcast</type>
               <url>https://demo.bigbluebutton.org/podcast/ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124/audio.ogg</url>
               <processingTime>0</processingTime>
               <length>0</length>
            </format>
            <format>
               <type>presentation</type>
               <url>https://demo.bigbluebutton.org/playback/presentation/2.0/playback.html?meetingId=ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124</url>
               <processingTime>7177</processingTime>
               <length>0</length>
               <preview>
                  <images>
                     <image alt="Welcome to" height="136" width="176">https://demo.bigbluebutton.org/presentation/ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124/presentation/d2d9a672040fbde2a47a10bf6c37b6a4b5ae187f-1530718721134/thumbnails/thumb-1.png</image>
                     <image alt="(this slide left blank for use as a whiteboard)" height="136" width="176">https://demo.bigbluebutton.org/presentation/ffbfc4cc24428694e8b53a4e144f414052431693-1530718721124/presentation/d2d9a672040fbde2a47a10bf6c37b6a4b5ae187f-1530718721134/thumbnails/thumb-2.png</image>
                  </images>
               </preview>
            </format>
         </playback>
      </recording>
      <recording>
         <recordID>ffbfc4cc24428694e8b53a4e144f414052431693-1530278898111</recordID>
         <meetingID>c637ba21adcd0191f48f5c4bf23fab0f96ed5c18</meetingID>
         <internalMeetingID>ffbfc4cc24428694e8b53a4e144f414052431693-1530278898111</internalMeetingID>
         <name>Fred's Room</name>
         <published>false</published>
         <protected>true</protected>
         <state>unpublished</state>
         <startTime>1530278898111</startTime>
         <endTime>1530281194326</endTime>
         <participants>7</participants>
         <metadata>
            <meetingName>Fred's Room</meetingName>
         </metadata>
         <playback>
            <format>
               <type>video</type>
               <url>https://demo.bigbluebutton.org/playback/video/ffbfc4cc24428694e8b53a4e144f414052431693-1530278898111/</url>
               <processingTime>139458</processingTime>
               <length>33</length>
               <preview>
                  <images>
                     <image width="176" height="136" alt="Welcome to">https://demo.bigbluebutton.org/thumb-1.png</image>
                  </images>
               </preview>
            </format>
         </playback>
      </recording>
   </recordings>
</response>`;

/** BBB 2.6+ with offset/limit: <totalElements> appended to the response (XmlServiceImpl.constructPaginatedResponse). */
export const RECORDINGS_PAGED = `<response><returncode>SUCCESS</returncode><recordings><recording><recordID>r-3</recordID><meetingID>m</meetingID><internalMeetingID>r-3</internalMeetingID><name>Third</name><published>true</published><state>published</state><startTime>3</startTime><endTime>4</endTime><participants>1</participants><metadata/><playback/></recording></recordings><totalElements>7</totalElements></response>`;

export const NO_RECORDINGS = `<response><returncode>SUCCESS</returncode><recordings></recordings><messageKey>noRecordings</messageKey><message>There are no recordings for the meeting(s).</message></response>`;

export const CHECKSUM_ERROR = `<response>
<returncode>FAILED</returncode>
<messageKey>checksumError</messageKey>
<message>Checksums do not match</message>
</response>`;

export const NOT_FOUND = `<response><returncode>FAILED</returncode><messageKey>notFound</messageKey><message>We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?</message></response>`;

export const VERSION = `<response><returncode>SUCCESS</returncode><version>2.0</version><apiVersion>2.0</apiVersion><bbbVersion>3.0.4</bbbVersion></response>`;

export const HTML_PAGE = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>`;
