<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>AboutPage</name>
        <message>
            <source>CalMedi copies your Doctolib appointments into a Google calendar of its own. Appointments are never written to this computer's disk. Questions: support@calmedi.io</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy policy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export my data…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Erase my data…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The privacy policy is at https://calmedi.io/privacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi copies your Doctolib appointments to %1. Appointments are never written to this computer's disk. Questions: support@calmedi.io</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AccountBox</name>
        <message>
            <source>Connect…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnect %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected since %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in again…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for you to sign in in your browser…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for you to sign in in your browser… If no browser opened, %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi will stop syncing and forget this sign-in. Disconnect?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Signed out on this computer. The remote sign-in could not be revoked (offline?).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AccountsPage</name>
        <message>
            <source>Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agendas to sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agendas to sync:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use my own OAuth client…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use the bundled client</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OAuth client: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>OAuth client: bundled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>To use your own, create a “Desktop app” client in the Google Cloud console and choose its JSON file (see the README).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose the OAuth client JSON file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect Doctolib to choose agendas.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agendas could not be loaded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose at least one agenda.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AddFeedDialog</name>
        <message>
            <source>Add an iCalendar feed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>Confirm deletions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The agenda returned far fewer appointments than %2 holds, so CalMedi held back %1 deletion(s). If the appointments were really cancelled, confirm to remove them from %2.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CalDavForm</name>
        <message>
            <source>Calendar provider</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>User name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Provider:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Existing calendar to use</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use this calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi will write to the calendar you choose, touch only the appointments it wrote there, and never delete the calendar itself.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open the page where app-specific passwords are made</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Server name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Server address:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apple Account e-mail address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give your server's address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the user name and the password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connecting to the server…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CalDavPage</name>
        <message>
            <source>Connect Apple iCloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect your CalDAV calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi creates a calendar of its own in your account and writes only there. Your password stays in the system keyring.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>✔ Connected: your appointments will go to %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CalendarLookPage</name>
        <message>
            <source>Calendar view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How your appointments look in Google Calendar and which ones are shown. None of this adds a word about a patient; only a colour for new patients tells Google something (see below).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A made-up day, as Google will show it:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sample day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reminders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Colours</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>As the calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Colour of video consultations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Video consultations</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Colour of new patients' appointments</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>New patients</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Places and what is shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the practice's address as the place</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>“Video consultation” for a video visit. A patient's address is never sent.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show appointments awaiting confirmation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>They appear as tentative until you confirm them in Doctolib.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Hide the appointments of these visit motives:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Visit motives whose appointments are hidden</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google will know which bookings are a patient's first visit: not who, nor why, but this is sent at every privacy level, the most discreet one included.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect Doctolib to give each practice site its colour.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connect Doctolib to choose visit motives.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your agendas could not be read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The visit motives could not be read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Agenda %1 (not found)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Colour of %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading your agendas…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Motive %1 (no longer offered)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading your visit motives…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your agendas have no visit motive.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How your appointments look in %1 and which ones are shown. None of this adds a word about a patient; only a colour for new patients tells your calendar's provider something (see below).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A made-up day, as CalMedi writes it to %1:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 shows every event in its calendar's colour: CalMedi still writes these colours with each event (iCalendar's COLOR), but Apple Calendar does not show them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>With %1, these colours are written with each event as iCalendar's COLOR (the nearest named colour). Calendar apps that do not read it, Apple Calendar among them, show the calendar's colour instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your calendar's provider (%1) will know which bookings are a patient's first visit: not who, nor why, but this is sent at every privacy level, the most discreet one included.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ConnectPage</name>
        <message>
            <source>Connect %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi reads your agenda with your Doctolib Pro sign-in.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi creates its own calendar in your Google account and writes only there.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sign in with %1…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your browser opens the sign-in page; once you have accepted, come back here. CalMedi keeps only a revocable access key, in the system keyring, never your password.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>✔ Connected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for you to sign in in your browser…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Waiting for you to sign in in your browser… If no browser opened, %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>I don't use Doctolib: add a calendar feed instead</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CrashReportDialog</name>
        <message>
            <source>CalMedi ran into a problem</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Something unexpected happened. CalMedi keeps running, but the last action may not have completed.

If it happens again, copy this report and send it to support@calmedi.io. It holds no appointment and no personal data: only versions and where in the program the error occurred.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Technical report</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy report</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DestinationChoicePage</name>
        <message>
            <source>Where should your appointments go?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi writes them into a calendar of its own there. You can change this later.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google Calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In your Google account, on the web and on Android phones.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apple iCloud</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apple Calendar on your iPhone, iPad and Mac.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Other (CalDAV)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Fastmail, Nextcloud, Synology or any calendar server that speaks CalDAV.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Whichever you choose, your patients' privacy is the same: by default the calendar only shows “Consultation”, and CalMedi never touches the events you add yourself.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DestinationPage</name>
        <message>
            <source>Destination</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Where CalMedi writes your appointments: one calendar at a time. Switching never deletes the other calendar; you decide what becomes of it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your appointments go to</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google Calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A CalDAV calendar (Apple iCloud, Fastmail, Nextcloud…)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalDAV account</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reconnect…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnect</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Connected (see Accounts).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected: sign in on the Accounts page.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>✔ %1 at %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No calendar yet: choose one below.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In a calendar you chose: CalMedi touches only the appointments it wrote.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>In a calendar of CalMedi's own.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>your CalDAV calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>From now on CalMedi will write your appointments to %1. The calendar it wrote to until now stays as it is, with its appointments: delete it yourself if you no longer want it. Switch?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Change where your appointments go?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send your appointments to this calendar from now on (instead of %1)?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Use this calendar?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi will forget the password of this account. Its calendar stays on the server. Disconnect?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Disconnect the CalDAV account</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <source>Sign in again…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Enter a licence key…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy policy</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DonePage</name>
        <message>
            <source>All set</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi keeps your calendar up to date from the system tray.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Look for the CalMedi icon next to the clock: its menu shows the last sync and lets you sync now, pause, change settings, export or erase your data.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start CalMedi when I log in</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FeedForm</name>
        <message>
            <source>Another booking platform or your practice software can publish your agenda as a private iCalendar (ICS) address. That address works like a password: CalMedi keeps it in the system keyring, never in a file, and does not show it again. CalMedi treats each event's title as a patient's name, so Google shows it only at the “initials” or “full name” privacy levels; otherwise Google sees just “Appointment”.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Feed name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. Clinic</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Private feed address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Private &amp;address:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Give the feed a name, so that you can recognise it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A feed named “%1” already exists: choose another name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paste the feed's private address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is not a valid web address: copy it again from the platform.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Checking the feed…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The name may hold %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Another booking platform or your practice software can publish your agenda as a private iCalendar (ICS) address. That address works like a password: CalMedi keeps it in the system keyring, never in a file, and does not show it again. CalMedi treats each event's title as a patient's name, so %1 shows it only at the “initials” or “full name” privacy levels; otherwise it sees just “Appointment”.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FeedsBox</name>
        <message>
            <source>Other calendars (iCalendar feeds)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Appointments from another booking platform or practice software, read from its private address.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>iCalendar feeds</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add feed…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the selected feed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 — %2 — added on %3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No feed yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove the feed “%1”? CalMedi forgets its address and stops copying its appointments.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Remove feed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FeedsPage</name>
        <message>
            <source>Other calendars</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also sync an iCalendar feed from another booking platform? (optional)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Add this feed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>✔ Feeds added: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Without Doctolib, add a feed to continue (or go back to connect it).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Skip</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <source>Set up CalMedi</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FirstSyncPage</name>
        <message>
            <source>First sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First sync progress</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Try again</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Done: %1 appointment(s) copied, %2 updated, %3 removed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The first sync did not complete. CalMedi will keep trying in the background.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google lets an app write only so many changes a minute. Your next appointments are copied first, then the rest of the period: you can already look at your calendar.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi now copies your appointments into %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>GeneralPage</name>
        <message>
            <source>General</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Language</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Same as the system</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Notifications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Only when I need to act</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also after each change and each failure</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Never</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Start CalMedi when I log in</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImpactBar</name>
        <message>
            <source>Revert</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes on this page apply when you press Apply, once CalMedi has counted the events they change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Counting the events this change touches…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Applied. Google shows it after the next sync, in a few seconds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This change touches no event in Google.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n to add</source>
            <translation>
                <numerusform>%n to add</numerusform>
                <numerusform>%n to add</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n to update</source>
            <translation>
                <numerusform>%n to update</numerusform>
                <numerusform>%n to update</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n to remove</source>
            <translation>
                <numerusform>%n to remove</numerusform>
                <numerusform>%n to remove</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>This change touches %n event(s) in Google</source>
            <translation>
                <numerusform>This change touches %n event in Google</numerusform>
                <numerusform>This change touches %n events in Google</numerusform>
            </translation>
        </message>
        <message>
            <source>That is more than half of your events: CalMedi will hold the removals back until you confirm them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The number of events this change touches is unknown: %1 You can still apply it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi could not count the events this change touches: %1 Apply it anyway?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply without a count?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google shows it at the next sync, in a few seconds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Apply this change?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Applied. It reaches %1 after the next sync, in a few seconds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This change touches no event in %1.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>This change touches %n event(s) in %1</source>
            <translation>
                <numerusform>This change touches %n event in %1</numerusform>
                <numerusform>This change touches %n events in %1</numerusform>
            </translation>
        </message>
        <message>
            <source>It reaches %1 at the next sync, in a few seconds.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>JournalPage</name>
        <message>
            <source>Journal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What CalMedi did recently, in technical terms. It never contains an appointment or a patient's name. Lines older than 12 months are deleted automatically.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Recent log lines</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Copy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Nothing logged yet.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Licence</name>
        <message numerus="yes">
            <source>Free trial — %n day(s) left</source>
            <translation>
                <numerusform>Free trial — %n day left</numerusform>
                <numerusform>Free trial — %n days left</numerusform>
            </translation>
        </message>
        <message>
            <source>Active — %1 plan, valid until %2</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active — valid until %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Active</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Grace period — the licence server could not be reached; %n day(s) left</source>
            <translation>
                <numerusform>Grace period — the licence server could not be reached; %n day left</numerusform>
                <numerusform>Grace period — the licence server could not be reached; %n days left</numerusform>
            </translation>
        </message>
        <message>
            <source>Expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Invalid</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Licence state unknown</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>Free trial: %n day(s) left</source>
            <translation>
                <numerusform>Free trial: %n day left</numerusform>
                <numerusform>Free trial: %n days left</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Licence server unreachable: %n day(s) of grace left</source>
            <translation>
                <numerusform>Licence server unreachable: %n day of grace left</numerusform>
                <numerusform>Licence server unreachable: %n days of grace left</numerusform>
            </translation>
        </message>
        <message>
            <source>Sync paused: licence expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync paused: licence invalid</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LicencePage</name>
        <message>
            <source>Licence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Reading the licence…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Plan</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Valid until</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last checked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Check the licence now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manage subscription…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manage subscription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Exporting and erasing your data never depend on the licence: they work in every state, even when it has expired. A lapsed licence only pauses syncing; nothing is deleted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Licence key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paste the key from the e-mail you received when you subscribed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Activate</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Activate the licence key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Available once a licence key is activated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The licence server could not be reached. CalMedi keeps the last verified licence and will try again later.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message numerus="yes">
            <source>Syncing has failed %n time(s) in a row. CalMedi keeps retrying; last problem: %1</source>
            <translation>
                <numerusform>Syncing has failed %n time in a row. CalMedi keeps retrying; last problem: %1</numerusform>
                <numerusform>Syncing has failed %n times in a row. CalMedi keeps retrying; last problem: %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Sync keeps failing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Deletions held back</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 created, %2 updated, %3 deleted</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n deletion(s) held back for safety: the agenda suddenly looks much emptier than %1. Open the CalMedi menu to review and confirm them.</source>
            <translation>
                <numerusform>%n deletion held back for safety: the agenda suddenly looks much emptier than %1. Open the CalMedi menu to review and confirm it.</numerusform>
                <numerusform>%n deletions held back for safety: the agenda suddenly looks much emptier than %1. Open the CalMedi menu to review and confirm them.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 updated</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <source>Demo calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This is the simulated Google calendar CalMedi writes to in demo mode. The simulated Doctolib keeps inventing bookings, moves and cancellations; CalMedi syncs every 30 seconds.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>◀ Previous week</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Next week ▶</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n appointment(s)</source>
            <translation>
                <numerusform>%n appointment</numerusform>
                <numerusform>%n appointments</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PrivacyChooser</name>
        <message>
            <source>Type of visit only (recommended) — “Consultation”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type of visit and the patient's initials — “Consultation – J. D.”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Type of visit and the patient's full name — “Consultation – Jean Dupont”</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Also show the visit reason (e.g. “Follow-up”)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the visit reason in Google</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An appointment will look like this in Google Calendar:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Preview of an example appointment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Initials are pseudonymised, not anonymous: together with the date and time they may let someone who sees your calendar recognise a patient.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patient names next to medical appointments are health data. With this level they are stored at Google, under your responsibility as data controller.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The visit reason can reveal a patient's condition: it is health data once sent to Google.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show the visit reason in %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>An appointment will look like this in %1:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Patient names next to medical appointments are health data. With this level they are stored by your calendar's provider (%1), under your responsibility as data controller.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The visit reason can reveal a patient's condition: it is health data once sent to %1.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PrivacyFlows</name>
        <message>
            <source>Choose where to save your CalMedi data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Everything CalMedi holds about you was saved to:
%1

It contains no appointment: CalMedi never stores them.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export complete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Replace the export?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Erase my data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Erase everything CalMedi holds about you?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Erase everything</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi has erased your data and will now close.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Data erased</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>This signs CalMedi out of Doctolib, Google and your CalDAV account, deletes its settings, logs and secrets on this computer, and deletes CalMedi's calendar (in Google, or on your CalDAV server) unless you keep it. It cannot be undone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Keep CalMedi's calendar and its appointments</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PrivacyLevelPage</name>
        <message>
            <source>You can change this at any time in Settings → Privacy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>What may %1 show?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 will show each patient's full name next to the appointment. This is health data, stored by your calendar's provider. Do you want to continue?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send patient names to %1?</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PrivacyPage</name>
        <message>
            <source>Privacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose what Google Calendar may show about each appointment. Phone numbers, e-mail addresses, birth dates, addresses and notes are never sent, whatever you choose.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause all processing (nothing is read from Doctolib or sent to Google)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause all processing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google Calendar will show each patient's full name next to the appointment. This is health data stored at Google. Do you want to continue?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send patient names to Google?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Choose what %1 may show about each appointment. Phone numbers, e-mail addresses, birth dates, addresses and notes are never sent, whatever you choose.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause all processing (nothing is read from Doctolib or sent to %1)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Each patient's full name will show next to the appointment in %1. This is health data, stored by your calendar's provider. Do you want to continue?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send patient names to %1?</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ProfilePage</name>
        <message>
            <source>Profile &amp; consent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About you</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Used for your licence and for support only. Never sent to Google or Doctolib, never shared. Correct them here at any time.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Professional e-mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. dr.martin@cabinet-medical.fr</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>e.g. 01 23 45 67 89</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Expected: %1.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Marketing communications</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Send me news and offers about CalMedi by e-mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Receive news and offers about CalMedi by e-mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Optional and off unless you tick it. Untick it to withdraw your consent at any time; each choice is recorded with its date and the version of the privacy policy.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last change: consent given on %1 (privacy policy %2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last change: consent withdrawn on %1 (privacy policy %2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>No choice recorded yet: you receive no marketing e-mail.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Get a copy of everything CalMedi holds about you, or erase all of it. Both work at any time, with or without a licence.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export my data…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Erase my data…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy policy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The privacy policy is at https://calmedi.io/privacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Used for your licence and for support only. Never sent to %1 or Doctolib, never shared. Correct them here at any time.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ReminderRows</name>
        <message>
            <source>Reminders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>None</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The calendar's default reminders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pop-ups, as below</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First pop-up, minutes before each appointment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>and</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A second pop-up</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Second pop-up, minutes before each appointment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pop-ups before</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>First of the day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A reminder before the first appointment of the day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minutes before the first appointment of the day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The first appointment of each day (every site together) rings earlier too. Google cannot add to the calendar's default reminders: with them, that appointment rings for this one alone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The first appointment of each day (every site together) rings earlier too. In %1, the calendar's default reminders are those each calendar app sets (CalMedi writes no alarm): with them, that appointment rings for this one alone.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsWindow</name>
        <message>
            <source>CalMedi – Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> (demo)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings pages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Accounts</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Synchronisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Privacy</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Calendar view</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Profile &amp; consent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Licence</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>General</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Journal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>About</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Demo calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Destination</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <source>Peacock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Lavender</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Basil</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Flamingo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Banana</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tangerine</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Grape</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Graphite</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Tomato</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Synchronisation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi copies your appointments into its own Google calendar. Changes are saved and applied at once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days in the past to sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days in the past</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days ahead to sync</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Days ahead</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google calendar name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Calendar name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google calendar colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google's default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Calendar colour</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time zone of the practice</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Time zone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> calls/min</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source> s</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes in the coming days reach Google within a minute; the whole period is checked on the slower rhythm. Google lets an app make 600 calls a minute for each user unless its Cloud project has a higher quota: only change the quota if yours does.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Coming days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google Calendar quota per user, per minute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Google quota</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>How many coming days, today included</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Minutes between two syncs of the whole period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Seconds between two syncs of the coming days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync the coming days every</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Sync the whole period every</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi copies your appointments to %1. Changes are saved and applied at once.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Calendar name in %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Calendar colour in %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>The server's default</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A new name or colour is given to CalMedi's calendar at the next sync, once: if you rename it in Google Calendar later, CalMedi leaves your name. Google's default keeps the calendar's current colour.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>A new name or colour is given to CalMedi's calendar in %1 at the next sync, once: if you rename it in your calendar app later, CalMedi leaves your name.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>CalMedi writes to a calendar you chose in %1: it leaves that calendar's name and colour alone.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Changes in the coming days reach %1 within a minute; the whole period is checked on the slower rhythm. Google's quota does not apply to a CalDAV calendar.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>Demo mode – simulated data</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not connected – open Settings to sign in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Syncing…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Processing paused by you – nothing is read or sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Paused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last attempt failed: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Last sync: %1</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Not synced yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>%1 created · %2 updated · %3 deleted</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n deletion(s) held back</source>
            <translation>
                <numerusform>%n deletion held back</numerusform>
                <numerusform>%n deletions held back</numerusform>
            </translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Resume syncing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Pause syncing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Review held deletions…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Manage subscription…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Show demo calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Settings…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Export my data…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Erase my data…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Quit CalMedi</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Open %1</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Upkeep</name>
        <message>
            <source>Your CalMedi licence ended 12 months ago, so CalMedi has erased the account data it kept on this computer, as its privacy policy promises. The CalMedi calendar in Google Calendar was kept. CalMedi will now close.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Account data erased</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your CalMedi subscription has ended. The account data CalMedi keeps on this computer will be erased on %1 unless the subscription is renewed. To keep a copy, choose “Export my data…” in the CalMedi menu.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your CalMedi data will soon be erased</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your CalMedi licence ended 12 months ago, so CalMedi has erased the account data it kept on this computer, as its privacy policy promises. CalMedi's calendar in %1 was kept. CalMedi will now close.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WeekView</name>
        <message>
            <source>Week view of the calendar</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Day view</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <source>%n appointment(s) this week</source>
            <translation>
                <numerusform>%n appointment this week</numerusform>
                <numerusform>%n appointments this week</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Welcome to CalMedi</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>Your Doctolib appointments in your own calendar, privately.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <source>&lt;p&gt;CalMedi copies your Doctolib appointments, one way, into a calendar of its own in Google Calendar, Apple iCloud or any CalDAV calendar, within minutes.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Your patients' privacy&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Appointments are never written to this computer's disk: they only pass through memory.&lt;/li&gt;&lt;li&gt;By default your calendar only shows the type of visit (“Consultation”), never who the patient is.&lt;/li&gt;&lt;li&gt;Your sign-ins are kept in the system keyring, never in a file.&lt;/li&gt;&lt;li&gt;You can export or erase everything CalMedi holds about you at any time, from the tray menu.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;The full privacy policy is in Settings → About.&lt;/p&gt;</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>
