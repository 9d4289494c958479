<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
    <context>
        <name>AboutPage</name>
        <message>
            <source>CalMedi copies your Doctolib appointments into a Google calendar of its own. Appointments are never written to this computer's disk. Questions: support@calmedi.io</source>
            <translation>CalMedi copie vos rendez-vous Doctolib dans un agenda Google qui lui est propre. Les rendez-vous ne sont jamais écrits sur le disque de cet ordinateur. Questions : support@calmedi.io</translation>
        </message>
        <message>
            <source>Privacy policy</source>
            <translation>Politique de confidentialité</translation>
        </message>
        <message>
            <source>Export my data…</source>
            <translation>Exporter mes données…</translation>
        </message>
        <message>
            <source>Erase my data…</source>
            <translation>Effacer mes données…</translation>
        </message>
        <message>
            <source>The privacy policy is at https://calmedi.io/privacy</source>
            <translation>La politique de confidentialité est sur https://calmedi.io/privacy</translation>
        </message>
        <message>
            <source>CalMedi copies your Doctolib appointments to %1. Appointments are never written to this computer's disk. Questions: support@calmedi.io</source>
            <translation>CalMedi copie vos rendez-vous Doctolib vers %1. Les rendez-vous ne sont jamais écrits sur le disque de cet ordinateur. Questions : support@calmedi.io</translation>
        </message>
    </context>
    <context>
        <name>AccountBox</name>
        <message>
            <source>Connect…</source>
            <translation>Connecter…</translation>
        </message>
        <message>
            <source>Connect %1</source>
            <translation>Connecter %1</translation>
        </message>
        <message>
            <source>Disconnect</source>
            <translation>Déconnecter</translation>
        </message>
        <message>
            <source>Disconnect %1</source>
            <translation>Déconnecter %1</translation>
        </message>
        <message>
            <source>Connected since %1</source>
            <translation>Connecté depuis le %1</translation>
        </message>
        <message>
            <source>Not connected</source>
            <translation>Non connecté</translation>
        </message>
        <message>
            <source>Sign in again…</source>
            <translation>Se reconnecter…</translation>
        </message>
        <message>
            <source>Waiting for you to sign in in your browser…</source>
            <translation>En attente de votre connexion dans le navigateur…</translation>
        </message>
        <message>
            <source>Waiting for you to sign in in your browser… If no browser opened, %1.</source>
            <translation>En attente de votre connexion dans le navigateur… Si aucun navigateur ne s'est ouvert, %1.</translation>
        </message>
        <message>
            <source>CalMedi will stop syncing and forget this sign-in. Disconnect?</source>
            <translation>CalMedi arrêtera de synchroniser et oubliera cette connexion. Déconnecter ?</translation>
        </message>
        <message>
            <source>Signed out on this computer. The remote sign-in could not be revoked (offline?).</source>
            <translation>Déconnecté sur cet ordinateur. L'accès n'a pas pu être révoqué à distance (hors ligne ?).</translation>
        </message>
    </context>
    <context>
        <name>AccountsPage</name>
        <message>
            <source>Accounts</source>
            <translation>Comptes</translation>
        </message>
        <message>
            <source>Agendas to sync</source>
            <translation>Agendas à synchroniser</translation>
        </message>
        <message>
            <source>Agendas to sync:</source>
            <translation>Agendas à synchroniser :</translation>
        </message>
        <message>
            <source>Use my own OAuth client…</source>
            <translation>Utiliser mon propre client OAuth…</translation>
        </message>
        <message>
            <source>Use the bundled client</source>
            <translation>Utiliser le client fourni</translation>
        </message>
        <message>
            <source>OAuth client: %1</source>
            <translation>Client OAuth : %1</translation>
        </message>
        <message>
            <source>OAuth client: bundled</source>
            <translation>Client OAuth : celui fourni avec CalMedi</translation>
        </message>
        <message>
            <source>To use your own, create a “Desktop app” client in the Google Cloud console and choose its JSON file (see the README).</source>
            <translation>Pour utiliser le vôtre, créez un client « Application de bureau » dans la console Google Cloud et choisissez son fichier JSON (voir le README).</translation>
        </message>
        <message>
            <source>Choose the OAuth client JSON file</source>
            <translation>Choisir le fichier JSON du client OAuth</translation>
        </message>
        <message>
            <source>Connect Doctolib to choose agendas.</source>
            <translation>Connectez Doctolib pour choisir les agendas.</translation>
        </message>
        <message>
            <source>Agendas could not be loaded.</source>
            <translation>Les agendas n'ont pas pu être chargés.</translation>
        </message>
        <message>
            <source>Choose at least one agenda.</source>
            <translation>Choisissez au moins un agenda.</translation>
        </message>
    </context>
    <context>
        <name>AddFeedDialog</name>
        <message>
            <source>Add an iCalendar feed</source>
            <translation>Ajouter un flux iCalendar</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
    </context>
    <context>
        <name>AppController</name>
        <message>
            <source>Confirm deletions</source>
            <translation>Confirmer les suppressions</translation>
        </message>
        <message>
            <source>your calendar</source>
            <translation>votre agenda</translation>
        </message>
        <message>
            <source>The agenda returned far fewer appointments than %2 holds, so CalMedi held back %1 deletion(s). If the appointments were really cancelled, confirm to remove them from %2.</source>
            <translation>L'agenda a renvoyé bien moins de rendez-vous que n'en contient %2 : CalMedi a retenu %1 suppression(s). Si ces rendez-vous ont vraiment été annulés, confirmez pour les retirer de %2.</translation>
        </message>
    </context>
    <context>
        <name>CalDavForm</name>
        <message>
            <source>Calendar provider</source>
            <translation>Fournisseur de l'agenda</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>Nom d'utilisateur</translation>
        </message>
        <message>
            <source>Password</source>
            <translation>Mot de passe</translation>
        </message>
        <message>
            <source>Connect</source>
            <translation>Connecter</translation>
        </message>
        <message>
            <source>Provider:</source>
            <translation>Fournisseur :</translation>
        </message>
        <message>
            <source>&amp;User name:</source>
            <translation>Nom d'&amp;utilisateur :</translation>
        </message>
        <message>
            <source>&amp;Password:</source>
            <translation>Mot de &amp;passe :</translation>
        </message>
        <message>
            <source>Existing calendar to use</source>
            <translation>Agenda existant à utiliser</translation>
        </message>
        <message>
            <source>Use this calendar</source>
            <translation>Utiliser cet agenda</translation>
        </message>
        <message>
            <source>CalMedi will write to the calendar you choose, touch only the appointments it wrote there, and never delete the calendar itself.</source>
            <translation>CalMedi écrira dans l'agenda que vous choisissez, n'y touchera qu'aux rendez-vous qu'il y a écrits, et ne supprimera jamais l'agenda lui-même.</translation>
        </message>
        <message>
            <source>Open the page where app-specific passwords are made</source>
            <translation>Ouvrir la page où se créent les mots de passe d'application</translation>
        </message>
        <message>
            <source>&amp;Server name:</source>
            <translation>Nom du &amp;serveur :</translation>
        </message>
        <message>
            <source>&amp;Server address:</source>
            <translation>Adresse du &amp;serveur :</translation>
        </message>
        <message>
            <source>Apple Account e-mail address</source>
            <translation>Adresse e-mail du compte Apple</translation>
        </message>
        <message>
            <source>Give your server's address.</source>
            <translation>Indiquez l'adresse de votre serveur.</translation>
        </message>
        <message>
            <source>Give the user name and the password.</source>
            <translation>Indiquez le nom d'utilisateur et le mot de passe.</translation>
        </message>
        <message>
            <source>Connecting to the server…</source>
            <translation>Connexion au serveur…</translation>
        </message>
    </context>
    <context>
        <name>CalDavPage</name>
        <message>
            <source>Connect Apple iCloud</source>
            <translation>Connecter Apple iCloud</translation>
        </message>
        <message>
            <source>Connect your CalDAV calendar</source>
            <translation>Connecter votre agenda CalDAV</translation>
        </message>
        <message>
            <source>CalMedi creates a calendar of its own in your account and writes only there. Your password stays in the system keyring.</source>
            <translation>CalMedi crée un agenda qui lui est propre dans votre compte et n'écrit que là. Votre mot de passe reste dans le trousseau du système.</translation>
        </message>
        <message>
            <source>✔ Connected: your appointments will go to %1.</source>
            <translation>✔ Connecté : vos rendez-vous iront dans %1.</translation>
        </message>
    </context>
    <context>
        <name>CalendarLookPage</name>
        <message>
            <source>Calendar view</source>
            <translation>Affichage de l'agenda</translation>
        </message>
        <message>
            <source>How your appointments look in Google Calendar and which ones are shown. None of this adds a word about a patient; only a colour for new patients tells Google something (see below).</source>
            <translation>L'aspect de vos rendez-vous dans Google Agenda, et ceux qui y figurent. Rien de tout cela n'ajoute un mot sur un patient ; seule une couleur pour les nouveaux patients apprend quelque chose à Google (voir plus bas).</translation>
        </message>
        <message>
            <source>A made-up day, as Google will show it:</source>
            <translation>Une journée inventée, telle que Google l'affichera :</translation>
        </message>
        <message>
            <source>Sample day</source>
            <translation>Journée exemple</translation>
        </message>
        <message>
            <source>Reminders</source>
            <translation>Rappels</translation>
        </message>
        <message>
            <source>Colours</source>
            <translation>Couleurs</translation>
        </message>
        <message>
            <source>As the calendar</source>
            <translation>Celle de l'agenda</translation>
        </message>
        <message>
            <source>Colour of video consultations</source>
            <translation>Couleur des téléconsultations</translation>
        </message>
        <message>
            <source>Video consultations</source>
            <translation>Téléconsultations</translation>
        </message>
        <message>
            <source>Colour of new patients' appointments</source>
            <translation>Couleur des rendez-vous de nouveaux patients</translation>
        </message>
        <message>
            <source>New patients</source>
            <translation>Nouveaux patients</translation>
        </message>
        <message>
            <source>Places and what is shown</source>
            <translation>Lieux et rendez-vous affichés</translation>
        </message>
        <message>
            <source>Show the practice's address as the place</source>
            <translation>Indiquer l'adresse du cabinet comme lieu</translation>
        </message>
        <message>
            <source>“Video consultation” for a video visit. A patient's address is never sent.</source>
            <translation>« Téléconsultation » pour une consultation vidéo. L'adresse d'un patient n'est jamais envoyée.</translation>
        </message>
        <message>
            <source>Show appointments awaiting confirmation</source>
            <translation>Afficher les rendez-vous à confirmer</translation>
        </message>
        <message>
            <source>They appear as tentative until you confirm them in Doctolib.</source>
            <translation>Ils apparaissent comme provisoires tant que vous ne les avez pas confirmés dans Doctolib.</translation>
        </message>
        <message>
            <source>Hide the appointments of these visit motives:</source>
            <translation>Masquer les rendez-vous de ces motifs de consultation :</translation>
        </message>
        <message>
            <source>Visit motives whose appointments are hidden</source>
            <translation>Motifs de consultation dont les rendez-vous sont masqués</translation>
        </message>
        <message>
            <source>Google will know which bookings are a patient's first visit: not who, nor why, but this is sent at every privacy level, the most discreet one included.</source>
            <translation>Google saura quels rendez-vous sont la première visite d'un patient : ni qui, ni pourquoi, mais c'est envoyé à tous les niveaux de confidentialité, le plus discret compris.</translation>
        </message>
        <message>
            <source>Connect Doctolib to give each practice site its colour.</source>
            <translation>Connectez Doctolib pour donner à chaque lieu de consultation sa couleur.</translation>
        </message>
        <message>
            <source>Connect Doctolib to choose visit motives.</source>
            <translation>Connectez Doctolib pour choisir des motifs de consultation.</translation>
        </message>
        <message>
            <source>Your agendas could not be read.</source>
            <translation>Vos agendas n'ont pas pu être lus.</translation>
        </message>
        <message>
            <source>The visit motives could not be read.</source>
            <translation>Les motifs de consultation n'ont pas pu être lus.</translation>
        </message>
        <message>
            <source>Agenda %1 (not found)</source>
            <translation>Agenda %1 (introuvable)</translation>
        </message>
        <message>
            <source>Colour of %1</source>
            <translation>Couleur de %1</translation>
        </message>
        <message>
            <source>Reading your agendas…</source>
            <translation>Lecture de vos agendas…</translation>
        </message>
        <message>
            <source>Motive %1 (no longer offered)</source>
            <translation>Motif %1 (plus proposé)</translation>
        </message>
        <message>
            <source>Reading your visit motives…</source>
            <translation>Lecture de vos motifs de consultation…</translation>
        </message>
        <message>
            <source>Your agendas have no visit motive.</source>
            <translation>Vos agendas n'ont aucun motif de consultation.</translation>
        </message>
        <message>
            <source>How your appointments look in %1 and which ones are shown. None of this adds a word about a patient; only a colour for new patients tells your calendar's provider something (see below).</source>
            <translation>L'apparence de vos rendez-vous dans %1 et ceux qui sont affichés. Rien de tout cela n'ajoute un mot sur un patient ; seule une couleur pour les nouveaux patients apprend quelque chose au fournisseur de votre agenda (voir plus bas).</translation>
        </message>
        <message>
            <source>A made-up day, as CalMedi writes it to %1:</source>
            <translation>Une journée fictive, telle que CalMedi l'écrit dans %1 :</translation>
        </message>
        <message>
            <source>%1 shows every event in its calendar's colour: CalMedi still writes these colours with each event (iCalendar's COLOR), but Apple Calendar does not show them.</source>
            <translation>%1 affiche chaque événement dans la couleur de son agenda : CalMedi écrit quand même ces couleurs avec chaque événement (COLOR d'iCalendar), mais Calendrier d'Apple ne les affiche pas.</translation>
        </message>
        <message>
            <source>With %1, these colours are written with each event as iCalendar's COLOR (the nearest named colour). Calendar apps that do not read it, Apple Calendar among them, show the calendar's colour instead.</source>
            <translation>Avec %1, ces couleurs sont écrites avec chaque événement dans la propriété COLOR d'iCalendar (la couleur nommée la plus proche). Les applications d'agenda qui ne la lisent pas, dont Calendrier d'Apple, affichent la couleur de l'agenda à la place.</translation>
        </message>
        <message>
            <source>Your calendar's provider (%1) will know which bookings are a patient's first visit: not who, nor why, but this is sent at every privacy level, the most discreet one included.</source>
            <translation>Le fournisseur de votre agenda (%1) saura quelles réservations sont la première visite d'un patient : ni qui, ni pourquoi, mais c'est envoyé à tous les niveaux de confidentialité, y compris le plus discret.</translation>
        </message>
    </context>
    <context>
        <name>ConnectPage</name>
        <message>
            <source>Connect %1</source>
            <translation>Connecter %1</translation>
        </message>
        <message>
            <source>CalMedi reads your agenda with your Doctolib Pro sign-in.</source>
            <translation>CalMedi lit votre agenda grâce à votre connexion Doctolib Pro.</translation>
        </message>
        <message>
            <source>CalMedi creates its own calendar in your Google account and writes only there.</source>
            <translation>CalMedi crée son propre agenda dans votre compte Google et n'écrit que dans celui-ci.</translation>
        </message>
        <message>
            <source>Sign in with %1…</source>
            <translation>Se connecter à %1…</translation>
        </message>
        <message>
            <source>Your browser opens the sign-in page; once you have accepted, come back here. CalMedi keeps only a revocable access key, in the system keyring, never your password.</source>
            <translation>Votre navigateur ouvre la page de connexion ; une fois l'accès accepté, revenez ici. CalMedi ne conserve qu'une clé d'accès révocable, dans le trousseau du système, jamais votre mot de passe.</translation>
        </message>
        <message>
            <source>✔ Connected.</source>
            <translation>✔ Connecté.</translation>
        </message>
        <message>
            <source>Not connected yet.</source>
            <translation>Pas encore connecté.</translation>
        </message>
        <message>
            <source>Waiting for you to sign in in your browser…</source>
            <translation>En attente de votre connexion dans le navigateur…</translation>
        </message>
        <message>
            <source>Waiting for you to sign in in your browser… If no browser opened, %1.</source>
            <translation>En attente de votre connexion dans le navigateur… Si aucun navigateur ne s'est ouvert, %1.</translation>
        </message>
        <message>
            <source>I don't use Doctolib: add a calendar feed instead</source>
            <translation>Je n'utilise pas Doctolib : ajouter plutôt un flux d'agenda</translation>
        </message>
    </context>
    <context>
        <name>CrashReportDialog</name>
        <message>
            <source>CalMedi ran into a problem</source>
            <translation>CalMedi a rencontré un problème</translation>
        </message>
        <message>
            <source>Something unexpected happened. CalMedi keeps running, but the last action may not have completed.

If it happens again, copy this report and send it to support@calmedi.io. It holds no appointment and no personal data: only versions and where in the program the error occurred.</source>
            <translation>Un imprévu s'est produit. CalMedi continue de fonctionner, mais la dernière action n'a peut-être pas abouti.

Si cela se reproduit, copiez ce rapport et envoyez-le à support@calmedi.io. Il ne contient aucun rendez-vous ni aucune donnée personnelle : seulement les versions et l'endroit du programme où l'erreur s'est produite.</translation>
        </message>
        <message>
            <source>Technical report</source>
            <translation>Rapport technique</translation>
        </message>
        <message>
            <source>Copy report</source>
            <translation>Copier le rapport</translation>
        </message>
    </context>
    <context>
        <name>DestinationChoicePage</name>
        <message>
            <source>Where should your appointments go?</source>
            <translation>Où vos rendez-vous doivent-ils aller ?</translation>
        </message>
        <message>
            <source>CalMedi writes them into a calendar of its own there. You can change this later.</source>
            <translation>CalMedi les écrit là dans un agenda qui lui est propre. Vous pourrez changer plus tard.</translation>
        </message>
        <message>
            <source>Google Calendar</source>
            <translation>Google Agenda</translation>
        </message>
        <message>
            <source>In your Google account, on the web and on Android phones.</source>
            <translation>Dans votre compte Google, sur le Web et sur les téléphones Android.</translation>
        </message>
        <message>
            <source>Apple iCloud</source>
            <translation>Apple iCloud</translation>
        </message>
        <message>
            <source>Apple Calendar on your iPhone, iPad and Mac.</source>
            <translation>Calendrier d'Apple sur votre iPhone, iPad et Mac.</translation>
        </message>
        <message>
            <source>Other (CalDAV)</source>
            <translation>Autre (CalDAV)</translation>
        </message>
        <message>
            <source>Fastmail, Nextcloud, Synology or any calendar server that speaks CalDAV.</source>
            <translation>Fastmail, Nextcloud, Synology ou tout serveur d'agenda compatible CalDAV.</translation>
        </message>
        <message>
            <source>Whichever you choose, your patients' privacy is the same: by default the calendar only shows “Consultation”, and CalMedi never touches the events you add yourself.</source>
            <translation>Quel que soit votre choix, la confidentialité de vos patients est la même : par défaut l'agenda n'affiche que « Consultation », et CalMedi ne touche jamais aux événements que vous ajoutez vous-même.</translation>
        </message>
    </context>
    <context>
        <name>DestinationPage</name>
        <message>
            <source>Destination</source>
            <translation>Destination</translation>
        </message>
        <message>
            <source>Where CalMedi writes your appointments: one calendar at a time. Switching never deletes the other calendar; you decide what becomes of it.</source>
            <translation>Où CalMedi écrit vos rendez-vous : un seul agenda à la fois. Changer ne supprime jamais l'autre agenda ; vous décidez de ce qu'il devient.</translation>
        </message>
        <message>
            <source>Your appointments go to</source>
            <translation>Vos rendez-vous vont dans</translation>
        </message>
        <message>
            <source>Google Calendar</source>
            <translation>Google Agenda</translation>
        </message>
        <message>
            <source>A CalDAV calendar (Apple iCloud, Fastmail, Nextcloud…)</source>
            <translation>Un agenda CalDAV (Apple iCloud, Fastmail, Nextcloud…)</translation>
        </message>
        <message>
            <source>CalDAV account</source>
            <translation>Compte CalDAV</translation>
        </message>
        <message>
            <source>Reconnect…</source>
            <translation>Se reconnecter…</translation>
        </message>
        <message>
            <source>Disconnect</source>
            <translation>Déconnecter</translation>
        </message>
        <message>
            <source>Connected (see Accounts).</source>
            <translation>Connecté (voir Comptes).</translation>
        </message>
        <message>
            <source>Not connected: sign in on the Accounts page.</source>
            <translation>Non connecté : connectez-vous dans la page Comptes.</translation>
        </message>
        <message>
            <source>✔ %1 at %2</source>
            <translation>✔ %1 sur %2</translation>
        </message>
        <message>
            <source>No calendar yet: choose one below.</source>
            <translation>Pas encore d'agenda : choisissez-en un ci-dessous.</translation>
        </message>
        <message>
            <source>In a calendar you chose: CalMedi touches only the appointments it wrote.</source>
            <translation>Dans un agenda que vous avez choisi : CalMedi ne touche qu'aux rendez-vous qu'il a écrits.</translation>
        </message>
        <message>
            <source>In a calendar of CalMedi's own.</source>
            <translation>Dans un agenda propre à CalMedi.</translation>
        </message>
        <message>
            <source>Not connected</source>
            <translation>Non connecté</translation>
        </message>
        <message>
            <source>your CalDAV calendar</source>
            <translation>votre agenda CalDAV</translation>
        </message>
        <message>
            <source>From now on CalMedi will write your appointments to %1. The calendar it wrote to until now stays as it is, with its appointments: delete it yourself if you no longer want it. Switch?</source>
            <translation>Désormais, CalMedi écrira vos rendez-vous dans %1. L'agenda où il écrivait jusqu'ici reste tel quel, avec ses rendez-vous : supprimez-le vous-même si vous n'en voulez plus. Changer ?</translation>
        </message>
        <message>
            <source>Change where your appointments go?</source>
            <translation>Changer la destination de vos rendez-vous ?</translation>
        </message>
        <message>
            <source>Send your appointments to this calendar from now on (instead of %1)?</source>
            <translation>Envoyer désormais vos rendez-vous dans cet agenda (au lieu de %1) ?</translation>
        </message>
        <message>
            <source>Use this calendar?</source>
            <translation>Utiliser cet agenda ?</translation>
        </message>
        <message>
            <source>CalMedi will forget the password of this account. Its calendar stays on the server. Disconnect?</source>
            <translation>CalMedi oubliera le mot de passe de ce compte. Son agenda reste sur le serveur. Déconnecter ?</translation>
        </message>
        <message>
            <source>Disconnect the CalDAV account</source>
            <translation>Déconnecter le compte CalDAV</translation>
        </message>
    </context>
    <context>
        <name>Dialogs</name>
        <message>
            <source>Sign in again…</source>
            <translation>Se reconnecter…</translation>
        </message>
        <message>
            <source>Enter a licence key…</source>
            <translation>Saisir une clé de licence…</translation>
        </message>
        <message>
            <source>Open settings…</source>
            <translation>Ouvrir les réglages…</translation>
        </message>
        <message>
            <source>Privacy policy</source>
            <translation>Politique de confidentialité</translation>
        </message>
    </context>
    <context>
        <name>DonePage</name>
        <message>
            <source>All set</source>
            <translation>Tout est prêt</translation>
        </message>
        <message>
            <source>CalMedi keeps your calendar up to date from the system tray.</source>
            <translation>CalMedi tient votre agenda à jour depuis la zone de notification.</translation>
        </message>
        <message>
            <source>Look for the CalMedi icon next to the clock: its menu shows the last sync and lets you sync now, pause, change settings, export or erase your data.</source>
            <translation>Cherchez l'icône CalMedi près de l'horloge : son menu indique la dernière synchronisation et permet de synchroniser maintenant, de mettre en pause, de modifier les réglages, d'exporter ou d'effacer vos données.</translation>
        </message>
        <message>
            <source>Start CalMedi when I log in</source>
            <translation>Lancer CalMedi à l'ouverture de session</translation>
        </message>
    </context>
    <context>
        <name>FeedForm</name>
        <message>
            <source>Another booking platform or your practice software can publish your agenda as a private iCalendar (ICS) address. That address works like a password: CalMedi keeps it in the system keyring, never in a file, and does not show it again. CalMedi treats each event's title as a patient's name, so Google shows it only at the “initials” or “full name” privacy levels; otherwise Google sees just “Appointment”.</source>
            <translation>Une autre plateforme de réservation ou votre logiciel de cabinet peut publier votre agenda sous forme d'adresse iCalendar (ICS) privée. Cette adresse vaut un mot de passe : CalMedi la conserve dans le trousseau du système, jamais dans un fichier, et ne l'affiche plus. CalMedi traite le titre de chaque événement comme le nom d'un patient : Google ne le montre qu'aux niveaux de confidentialité « initiales » ou « nom complet » ; sinon, Google ne voit que « Rendez-vous ».</translation>
        </message>
        <message>
            <source>Feed name</source>
            <translation>Nom du flux</translation>
        </message>
        <message>
            <source>e.g. Clinic</source>
            <translation>p. ex. Clinique</translation>
        </message>
        <message>
            <source>Private feed address</source>
            <translation>Adresse privée du flux</translation>
        </message>
        <message>
            <source>&amp;Name:</source>
            <translation>&amp;Nom :</translation>
        </message>
        <message>
            <source>Private &amp;address:</source>
            <translation>&amp;Adresse privée :</translation>
        </message>
        <message>
            <source>Give the feed a name, so that you can recognise it.</source>
            <translation>Donnez un nom au flux, pour le reconnaître.</translation>
        </message>
        <message>
            <source>A feed named “%1” already exists: choose another name.</source>
            <translation>Un flux nommé « %1 » existe déjà : choisissez un autre nom.</translation>
        </message>
        <message>
            <source>Paste the feed's private address.</source>
            <translation>Collez l'adresse privée du flux.</translation>
        </message>
        <message>
            <source>This is not a valid web address: copy it again from the platform.</source>
            <translation>Ce n'est pas une adresse web valide : copiez-la de nouveau depuis la plateforme.</translation>
        </message>
        <message>
            <source>Checking the feed…</source>
            <translation>Vérification du flux…</translation>
        </message>
        <message>
            <source>The name may hold %1.</source>
            <translation>Le nom peut contenir %1.</translation>
        </message>
        <message>
            <source>Another booking platform or your practice software can publish your agenda as a private iCalendar (ICS) address. That address works like a password: CalMedi keeps it in the system keyring, never in a file, and does not show it again. CalMedi treats each event's title as a patient's name, so %1 shows it only at the “initials” or “full name” privacy levels; otherwise it sees just “Appointment”.</source>
            <translation>Une autre plateforme de réservation ou votre logiciel de cabinet peut publier votre agenda sous forme d'adresse iCalendar (ICS) privée. Cette adresse vaut un mot de passe : CalMedi la conserve dans le trousseau du système, jamais dans un fichier, et ne l'affiche plus. CalMedi traite le titre de chaque événement comme le nom d'un patient : %1 ne le montre qu'aux niveaux de confidentialité « initiales » ou « nom complet » ; sinon, il ne voit que « Rendez-vous ».</translation>
        </message>
    </context>
    <context>
        <name>FeedsBox</name>
        <message>
            <source>Other calendars (iCalendar feeds)</source>
            <translation>Autres agendas (flux iCalendar)</translation>
        </message>
        <message>
            <source>Appointments from another booking platform or practice software, read from its private address.</source>
            <translation>Les rendez-vous d'une autre plateforme de réservation ou d'un logiciel de cabinet, lus à son adresse privée.</translation>
        </message>
        <message>
            <source>iCalendar feeds</source>
            <translation>Flux iCalendar</translation>
        </message>
        <message>
            <source>Add feed…</source>
            <translation>Ajouter un flux…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Retirer</translation>
        </message>
        <message>
            <source>Remove the selected feed</source>
            <translation>Retirer le flux sélectionné</translation>
        </message>
        <message>
            <source>%1 — %2 — added on %3</source>
            <translation>%1 — %2 — ajouté le %3</translation>
        </message>
        <message>
            <source>No feed yet.</source>
            <translation>Aucun flux pour l'instant.</translation>
        </message>
        <message>
            <source>Remove the feed “%1”? CalMedi forgets its address and stops copying its appointments.</source>
            <translation>Retirer le flux « %1 » ? CalMedi oublie son adresse et cesse de copier ses rendez-vous.</translation>
        </message>
        <message>
            <source>Remove feed</source>
            <translation>Retirer le flux</translation>
        </message>
    </context>
    <context>
        <name>FeedsPage</name>
        <message>
            <source>Other calendars</source>
            <translation>Autres agendas</translation>
        </message>
        <message>
            <source>Also sync an iCalendar feed from another booking platform? (optional)</source>
            <translation>Synchroniser aussi un flux iCalendar d'une autre plateforme de réservation ? (facultatif)</translation>
        </message>
        <message>
            <source>Add this feed</source>
            <translation>Ajouter ce flux</translation>
        </message>
        <message>
            <source>✔ Feeds added: %1</source>
            <translation>✔ Flux ajoutés : %1</translation>
        </message>
        <message>
            <source>Without Doctolib, add a feed to continue (or go back to connect it).</source>
            <translation>Sans Doctolib, ajoutez un flux pour continuer (ou revenez en arrière pour le connecter).</translation>
        </message>
        <message>
            <source>Skip</source>
            <translation>Passer</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <source>Set up CalMedi</source>
            <translation>Configurer CalMedi</translation>
        </message>
    </context>
    <context>
        <name>FirstSyncPage</name>
        <message>
            <source>First sync</source>
            <translation>Première synchronisation</translation>
        </message>
        <message>
            <source>First sync progress</source>
            <translation>Progression de la première synchronisation</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Réessayer</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Synchronisation…</translation>
        </message>
        <message>
            <source>Done: %1 appointment(s) copied, %2 updated, %3 removed.</source>
            <translation>Terminé : %1 rendez-vous copié(s), %2 modifié(s), %3 retiré(s).</translation>
        </message>
        <message>
            <source>The first sync did not complete. CalMedi will keep trying in the background.</source>
            <translation>La première synchronisation n'a pas abouti. CalMedi continuera d'essayer en arrière-plan.</translation>
        </message>
        <message>
            <source>Google lets an app write only so many changes a minute. Your next appointments are copied first, then the rest of the period: you can already look at your calendar.</source>
            <translation>Google ne laisse une application écrire qu'un nombre limité de changements par minute. Vos prochains rendez-vous sont copiés en premier, puis le reste de la période : vous pouvez déjà consulter votre agenda.</translation>
        </message>
        <message>
            <source>CalMedi now copies your appointments into %1.</source>
            <translation>CalMedi copie maintenant vos rendez-vous dans %1.</translation>
        </message>
    </context>
    <context>
        <name>GeneralPage</name>
        <message>
            <source>General</source>
            <translation>Général</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Langue</translation>
        </message>
        <message>
            <source>Same as the system</source>
            <translation>Celle du système</translation>
        </message>
        <message>
            <source>Notifications</source>
            <translation>Notifications</translation>
        </message>
        <message>
            <source>Only when I need to act</source>
            <translation>Seulement quand je dois agir</translation>
        </message>
        <message>
            <source>Also after each change and each failure</source>
            <translation>Aussi après chaque modification et chaque échec</translation>
        </message>
        <message>
            <source>Never</source>
            <translation>Jamais</translation>
        </message>
        <message>
            <source>Start CalMedi when I log in</source>
            <translation>Lancer CalMedi à l'ouverture de session</translation>
        </message>
    </context>
    <context>
        <name>ImpactBar</name>
        <message>
            <source>Revert</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Appliquer</translation>
        </message>
        <message>
            <source>Changes on this page apply when you press Apply, once CalMedi has counted the events they change.</source>
            <translation>Les changements de cette page s'appliquent quand vous appuyez sur Appliquer, une fois que CalMedi a compté les événements qu'ils modifient.</translation>
        </message>
        <message>
            <source>Counting the events this change touches…</source>
            <translation>Décompte des événements que ce changement touche…</translation>
        </message>
        <message>
            <source>Applied. Google shows it after the next sync, in a few seconds.</source>
            <translation>Appliqué. Google l'affiche après la prochaine synchronisation, dans quelques secondes.</translation>
        </message>
        <message>
            <source>This change touches no event in Google.</source>
            <translation>Ce changement ne touche aucun événement dans Google.</translation>
        </message>
        <message numerus="yes">
            <source>%n to add</source>
            <translation>
                <numerusform>%n à ajouter</numerusform>
                <numerusform>%n à ajouter</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n to update</source>
            <translation>
                <numerusform>%n à modifier</numerusform>
                <numerusform>%n à modifier</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n to remove</source>
            <translation>
                <numerusform>%n à retirer</numerusform>
                <numerusform>%n à retirer</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>This change touches %n event(s) in Google</source>
            <translation>
                <numerusform>Ce changement touche %n événement dans Google</numerusform>
                <numerusform>Ce changement touche %n événements dans Google</numerusform>
            </translation>
        </message>
        <message>
            <source>That is more than half of your events: CalMedi will hold the removals back until you confirm them.</source>
            <translation>C'est plus de la moitié de vos événements : CalMedi retiendra les retraits jusqu'à ce que vous les confirmiez.</translation>
        </message>
        <message>
            <source>The number of events this change touches is unknown: %1 You can still apply it.</source>
            <translation>Le nombre d'événements que ce changement touche est inconnu : %1 Vous pouvez tout de même l'appliquer.</translation>
        </message>
        <message>
            <source>CalMedi could not count the events this change touches: %1 Apply it anyway?</source>
            <translation>CalMedi n'a pas pu compter les événements que ce changement touche : %1 L'appliquer quand même ?</translation>
        </message>
        <message>
            <source>Apply without a count?</source>
            <translation>Appliquer sans décompte ?</translation>
        </message>
        <message>
            <source>Google shows it at the next sync, in a few seconds.</source>
            <translation>Google l'affiche à la prochaine synchronisation, dans quelques secondes.</translation>
        </message>
        <message>
            <source>Apply this change?</source>
            <translation>Appliquer ce changement ?</translation>
        </message>
        <message>
            <source>Applied. It reaches %1 after the next sync, in a few seconds.</source>
            <translation>Appliqué. Cela arrive dans %1 après la prochaine synchronisation, dans quelques secondes.</translation>
        </message>
        <message>
            <source>This change touches no event in %1.</source>
            <translation>Ce changement ne touche aucun événement dans %1.</translation>
        </message>
        <message numerus="yes">
            <source>This change touches %n event(s) in %1</source>
            <translation>
                <numerusform>Ce changement touche %n événement dans %1</numerusform>
                <numerusform>Ce changement touche %n événements dans %1</numerusform>
            </translation>
        </message>
        <message>
            <source>It reaches %1 at the next sync, in a few seconds.</source>
            <translation>Cela arrive dans %1 à la prochaine synchronisation, dans quelques secondes.</translation>
        </message>
    </context>
    <context>
        <name>JournalPage</name>
        <message>
            <source>Journal</source>
            <translation>Journal</translation>
        </message>
        <message>
            <source>What CalMedi did recently, in technical terms. It never contains an appointment or a patient's name. Lines older than 12 months are deleted automatically.</source>
            <translation>Ce que CalMedi a fait récemment, en termes techniques. Il ne contient jamais de rendez-vous ni de nom de patient. Les lignes de plus de 12 mois sont supprimées automatiquement.</translation>
        </message>
        <message>
            <source>Recent log lines</source>
            <translation>Lignes récentes du journal</translation>
        </message>
        <message>
            <source>Refresh</source>
            <translation>Actualiser</translation>
        </message>
        <message>
            <source>Copy</source>
            <translation>Copier</translation>
        </message>
        <message>
            <source>Nothing logged yet.</source>
            <translation>Rien n'a encore été journalisé.</translation>
        </message>
    </context>
    <context>
        <name>Licence</name>
        <message numerus="yes">
            <source>Free trial — %n day(s) left</source>
            <translation>
                <numerusform>Essai gratuit — %n jour restant</numerusform>
                <numerusform>Essai gratuit — %n jours restants</numerusform>
            </translation>
        </message>
        <message>
            <source>Active — %1 plan, valid until %2</source>
            <translation>Active — formule %1, valable jusqu'au %2</translation>
        </message>
        <message>
            <source>Active — valid until %1</source>
            <translation>Active — valable jusqu'au %1</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>Active</translation>
        </message>
        <message numerus="yes">
            <source>Grace period — the licence server could not be reached; %n day(s) left</source>
            <translation>
                <numerusform>Période de grâce — le serveur de licences est injoignable ; %n jour restant</numerusform>
                <numerusform>Période de grâce — le serveur de licences est injoignable ; %n jours restants</numerusform>
            </translation>
        </message>
        <message>
            <source>Expired</source>
            <translation>Expirée</translation>
        </message>
        <message>
            <source>Invalid</source>
            <translation>Invalide</translation>
        </message>
        <message>
            <source>Licence state unknown</source>
            <translation>État de la licence inconnu</translation>
        </message>
        <message numerus="yes">
            <source>Free trial: %n day(s) left</source>
            <translation>
                <numerusform>Essai gratuit : %n jour restant</numerusform>
                <numerusform>Essai gratuit : %n jours restants</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Licence server unreachable: %n day(s) of grace left</source>
            <translation>
                <numerusform>Serveur de licences injoignable : %n jour de grâce restant</numerusform>
                <numerusform>Serveur de licences injoignable : %n jours de grâce restants</numerusform>
            </translation>
        </message>
        <message>
            <source>Sync paused: licence expired</source>
            <translation>Synchronisation en pause : licence expirée</translation>
        </message>
        <message>
            <source>Sync paused: licence invalid</source>
            <translation>Synchronisation en pause : licence invalide</translation>
        </message>
    </context>
    <context>
        <name>LicencePage</name>
        <message>
            <source>Licence</source>
            <translation>Licence</translation>
        </message>
        <message>
            <source>Reading the licence…</source>
            <translation>Lecture de la licence…</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>Formule</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>Client</translation>
        </message>
        <message>
            <source>Valid until</source>
            <translation>Valable jusqu'au</translation>
        </message>
        <message>
            <source>Last checked</source>
            <translation>Dernière vérification</translation>
        </message>
        <message>
            <source>Check now</source>
            <translation>Vérifier maintenant</translation>
        </message>
        <message>
            <source>Check the licence now</source>
            <translation>Vérifier la licence maintenant</translation>
        </message>
        <message>
            <source>Manage subscription…</source>
            <translation>Gérer l'abonnement…</translation>
        </message>
        <message>
            <source>Manage subscription</source>
            <translation>Gérer l'abonnement</translation>
        </message>
        <message>
            <source>Exporting and erasing your data never depend on the licence: they work in every state, even when it has expired. A lapsed licence only pauses syncing; nothing is deleted.</source>
            <translation>L'export et l'effacement de vos données ne dépendent jamais de la licence : ils fonctionnent dans tous les cas, même quand elle a expiré. Une licence échue ne fait que mettre la synchronisation en pause ; rien n'est supprimé.</translation>
        </message>
        <message>
            <source>Licence key</source>
            <translation>Clé de licence</translation>
        </message>
        <message>
            <source>Paste the key from the e-mail you received when you subscribed.</source>
            <translation>Collez la clé reçue par e-mail lors de votre abonnement.</translation>
        </message>
        <message>
            <source>Activate</source>
            <translation>Activer</translation>
        </message>
        <message>
            <source>Activate the licence key</source>
            <translation>Activer la clé de licence</translation>
        </message>
        <message>
            <source>Available once a licence key is activated</source>
            <translation>Disponible une fois une clé de licence activée</translation>
        </message>
        <message>
            <source>The licence server could not be reached. CalMedi keeps the last verified licence and will try again later.</source>
            <translation>Le serveur de licences est injoignable. CalMedi conserve la dernière licence vérifiée et réessaiera plus tard.</translation>
        </message>
    </context>
    <context>
        <name>Notifications</name>
        <message numerus="yes">
            <source>Syncing has failed %n time(s) in a row. CalMedi keeps retrying; last problem: %1</source>
            <translation>
                <numerusform>La synchronisation a échoué %n fois de suite. CalMedi continue d'essayer ; dernier problème : %1</numerusform>
                <numerusform>La synchronisation a échoué %n fois de suite. CalMedi continue d'essayer ; dernier problème : %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Sync keeps failing</source>
            <translation>La synchronisation échoue encore</translation>
        </message>
        <message>
            <source>Deletions held back</source>
            <translation>Suppressions retenues</translation>
        </message>
        <message>
            <source>%1 created, %2 updated, %3 deleted</source>
            <translation>%1 créé(s), %2 modifié(s), %3 supprimé(s)</translation>
        </message>
        <message numerus="yes">
            <source>%n deletion(s) held back for safety: the agenda suddenly looks much emptier than %1. Open the CalMedi menu to review and confirm them.</source>
            <translation>
                <numerusform>%n suppression retenue par sécurité : l'agenda semble soudain bien plus vide que %1. Ouvrez le menu CalMedi pour l'examiner et la confirmer.</numerusform>
                <numerusform>%n suppressions retenues par sécurité : l'agenda semble soudain bien plus vide que %1. Ouvrez le menu CalMedi pour les examiner et les confirmer.</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 updated</source>
            <translation>%1 mis à jour</translation>
        </message>
    </context>
    <context>
        <name>PreviewPage</name>
        <message>
            <source>Demo calendar</source>
            <translation>Agenda de démonstration</translation>
        </message>
        <message>
            <source>This is the simulated Google calendar CalMedi writes to in demo mode. The simulated Doctolib keeps inventing bookings, moves and cancellations; CalMedi syncs every 30 seconds.</source>
            <translation>Voici l'agenda Google simulé dans lequel CalMedi écrit en mode démo. Le Doctolib simulé invente sans cesse des réservations, des déplacements et des annulations ; CalMedi synchronise toutes les 30 secondes.</translation>
        </message>
        <message>
            <source>◀ Previous week</source>
            <translation>◀ Semaine précédente</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>Aujourd'hui</translation>
        </message>
        <message>
            <source>Next week ▶</source>
            <translation>Semaine suivante ▶</translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s)</source>
            <translation>
                <numerusform>%n rendez-vous</numerusform>
                <numerusform>%n rendez-vous</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PrivacyChooser</name>
        <message>
            <source>Type of visit only (recommended) — “Consultation”</source>
            <translation>Type de visite seulement (recommandé) — « Consultation »</translation>
        </message>
        <message>
            <source>Type of visit and the patient's initials — “Consultation – J. D.”</source>
            <translation>Type de visite et initiales du patient — « Consultation – J. D. »</translation>
        </message>
        <message>
            <source>Type of visit and the patient's full name — “Consultation – Jean Dupont”</source>
            <translation>Type de visite et nom complet du patient — « Consultation – Jean Dupont »</translation>
        </message>
        <message>
            <source>Also show the visit reason (e.g. “Follow-up”)</source>
            <translation>Afficher aussi le motif de consultation (ex. « Suivi »)</translation>
        </message>
        <message>
            <source>Show the visit reason in Google</source>
            <translation>Afficher le motif de consultation dans Google</translation>
        </message>
        <message>
            <source>An appointment will look like this in Google Calendar:</source>
            <translation>Un rendez-vous apparaîtra ainsi dans Google Agenda :</translation>
        </message>
        <message>
            <source>Preview of an example appointment</source>
            <translation>Aperçu d'un rendez-vous fictif</translation>
        </message>
        <message>
            <source>Initials are pseudonymised, not anonymous: together with the date and time they may let someone who sees your calendar recognise a patient.</source>
            <translation>Les initiales sont pseudonymisées, pas anonymes : avec la date et l'heure, elles peuvent permettre à quelqu'un qui voit votre agenda de reconnaître un patient.</translation>
        </message>
        <message>
            <source>Patient names next to medical appointments are health data. With this level they are stored at Google, under your responsibility as data controller.</source>
            <translation>Le nom d'un patient associé à un rendez-vous médical est une donnée de santé. À ce niveau, elle est stockée chez Google, sous votre responsabilité de responsable de traitement.</translation>
        </message>
        <message>
            <source>The visit reason can reveal a patient's condition: it is health data once sent to Google.</source>
            <translation>Le motif peut révéler l'état de santé d'un patient : c'est une donnée de santé une fois envoyée à Google.</translation>
        </message>
        <message>
            <source>Show the visit reason in %1</source>
            <translation>Afficher le motif de consultation dans %1</translation>
        </message>
        <message>
            <source>An appointment will look like this in %1:</source>
            <translation>Un rendez-vous apparaîtra ainsi dans %1 :</translation>
        </message>
        <message>
            <source>Patient names next to medical appointments are health data. With this level they are stored by your calendar's provider (%1), under your responsibility as data controller.</source>
            <translation>Le nom d'un patient associé à un rendez-vous médical est une donnée de santé. À ce niveau, elle est stockée par le fournisseur de votre agenda (%1), sous votre responsabilité de responsable de traitement.</translation>
        </message>
        <message>
            <source>The visit reason can reveal a patient's condition: it is health data once sent to %1.</source>
            <translation>Le motif peut révéler l'état de santé d'un patient : c'est une donnée de santé une fois envoyée à %1.</translation>
        </message>
    </context>
    <context>
        <name>PrivacyFlows</name>
        <message>
            <source>Choose where to save your CalMedi data</source>
            <translation>Choisir où enregistrer vos données CalMedi</translation>
        </message>
        <message>
            <source>Everything CalMedi holds about you was saved to:
%1

It contains no appointment: CalMedi never stores them.</source>
            <translation>Tout ce que CalMedi détient sur vous a été enregistré dans :
%1

Aucun rendez-vous n'y figure : CalMedi ne les conserve jamais.</translation>
        </message>
        <message>
            <source>Export complete</source>
            <translation>Export terminé</translation>
        </message>
        <message>
            <source>Replace the export?</source>
            <translation>Remplacer l'export ?</translation>
        </message>
        <message>
            <source>Erase my data</source>
            <translation>Effacer mes données</translation>
        </message>
        <message>
            <source>Erase everything CalMedi holds about you?</source>
            <translation>Effacer tout ce que CalMedi détient sur vous ?</translation>
        </message>
        <message>
            <source>Erase everything</source>
            <translation>Tout effacer</translation>
        </message>
        <message>
            <source>CalMedi has erased your data and will now close.</source>
            <translation>CalMedi a effacé vos données et va maintenant se fermer.</translation>
        </message>
        <message>
            <source>Data erased</source>
            <translation>Données effacées</translation>
        </message>
        <message>
            <source>This signs CalMedi out of Doctolib, Google and your CalDAV account, deletes its settings, logs and secrets on this computer, and deletes CalMedi's calendar (in Google, or on your CalDAV server) unless you keep it. It cannot be undone.</source>
            <translation>CalMedi se déconnecte de Doctolib, de Google et de votre compte CalDAV, supprime ses réglages, journaux et secrets sur cet ordinateur, et supprime son agenda (dans Google, ou sur votre serveur CalDAV) sauf si vous le gardez. C'est irréversible.</translation>
        </message>
        <message>
            <source>Keep CalMedi's calendar and its appointments</source>
            <translation>Garder l'agenda de CalMedi et ses rendez-vous</translation>
        </message>
    </context>
    <context>
        <name>PrivacyLevelPage</name>
        <message>
            <source>You can change this at any time in Settings → Privacy.</source>
            <translation>Vous pourrez le modifier à tout moment dans Réglages → Confidentialité.</translation>
        </message>
        <message>
            <source>What may %1 show?</source>
            <translation>Que peut afficher %1 ?</translation>
        </message>
        <message>
            <source>%1 will show each patient's full name next to the appointment. This is health data, stored by your calendar's provider. Do you want to continue?</source>
            <translation>%1 affichera le nom complet de chaque patient à côté du rendez-vous. Ce sont des données de santé, conservées par le fournisseur de votre agenda. Voulez-vous continuer ?</translation>
        </message>
        <message>
            <source>Send patient names to %1?</source>
            <translation>Envoyer les noms des patients vers %1 ?</translation>
        </message>
    </context>
    <context>
        <name>PrivacyPage</name>
        <message>
            <source>Privacy</source>
            <translation>Confidentialité</translation>
        </message>
        <message>
            <source>Choose what Google Calendar may show about each appointment. Phone numbers, e-mail addresses, birth dates, addresses and notes are never sent, whatever you choose.</source>
            <translation>Choisissez ce que Google Agenda peut afficher de chaque rendez-vous. Téléphones, adresses e-mail, dates de naissance, adresses et notes ne sont jamais envoyés, quel que soit votre choix.</translation>
        </message>
        <message>
            <source>Pause all processing (nothing is read from Doctolib or sent to Google)</source>
            <translation>Suspendre tout traitement (rien n'est lu sur Doctolib ni envoyé à Google)</translation>
        </message>
        <message>
            <source>Pause all processing</source>
            <translation>Suspendre tout traitement</translation>
        </message>
        <message>
            <source>Google Calendar will show each patient's full name next to the appointment. This is health data stored at Google. Do you want to continue?</source>
            <translation>Google Agenda affichera le nom complet de chaque patient à côté du rendez-vous. C'est une donnée de santé stockée chez Google. Voulez-vous continuer ?</translation>
        </message>
        <message>
            <source>Send patient names to Google?</source>
            <translation>Envoyer le nom des patients à Google ?</translation>
        </message>
        <message>
            <source>Choose what %1 may show about each appointment. Phone numbers, e-mail addresses, birth dates, addresses and notes are never sent, whatever you choose.</source>
            <translation>Choisissez ce que %1 peut afficher de chaque rendez-vous. Numéros de téléphone, adresses e-mail, dates de naissance, adresses postales et notes ne sont jamais envoyés, quel que soit votre choix.</translation>
        </message>
        <message>
            <source>Pause all processing (nothing is read from Doctolib or sent to %1)</source>
            <translation>Suspendre tout traitement (rien n'est lu sur Doctolib ni envoyé à %1)</translation>
        </message>
        <message>
            <source>Each patient's full name will show next to the appointment in %1. This is health data, stored by your calendar's provider. Do you want to continue?</source>
            <translation>Le nom complet de chaque patient s'affichera à côté du rendez-vous dans %1. Ce sont des données de santé, conservées par le fournisseur de votre agenda. Voulez-vous continuer ?</translation>
        </message>
        <message>
            <source>Send patient names to %1?</source>
            <translation>Envoyer les noms des patients vers %1 ?</translation>
        </message>
    </context>
    <context>
        <name>ProfilePage</name>
        <message>
            <source>Profile &amp; consent</source>
            <translation>Profil et consentement</translation>
        </message>
        <message>
            <source>About you</source>
            <translation>Vous concernant</translation>
        </message>
        <message>
            <source>Used for your licence and for support only. Never sent to Google or Doctolib, never shared. Correct them here at any time.</source>
            <translation>Utilisées uniquement pour votre licence et l'assistance. Jamais envoyées à Google ni à Doctolib, jamais partagées. Corrigez-les ici à tout moment.</translation>
        </message>
        <message>
            <source>First name</source>
            <translation>Prénom</translation>
        </message>
        <message>
            <source>Last name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <source>Professional e-mail</source>
            <translation>E-mail professionnel</translation>
        </message>
        <message>
            <source>e.g. dr.martin@cabinet-medical.fr</source>
            <translation>ex. dr.martin@cabinet-medical.fr</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>Téléphone</translation>
        </message>
        <message>
            <source>e.g. 01 23 45 67 89</source>
            <translation>ex. 01 23 45 67 89</translation>
        </message>
        <message>
            <source>Expected: %1.</source>
            <translation>Attendu : %1.</translation>
        </message>
        <message>
            <source>Marketing communications</source>
            <translation>Communications commerciales</translation>
        </message>
        <message>
            <source>Send me news and offers about CalMedi by e-mail</source>
            <translation>M'envoyer par e-mail des nouvelles et des offres de CalMedi</translation>
        </message>
        <message>
            <source>Receive news and offers about CalMedi by e-mail</source>
            <translation>Recevoir par e-mail des nouvelles et des offres de CalMedi</translation>
        </message>
        <message>
            <source>Optional and off unless you tick it. Untick it to withdraw your consent at any time; each choice is recorded with its date and the version of the privacy policy.</source>
            <translation>Facultatif, et désactivé tant que vous ne le cochez pas. Décochez-le pour retirer votre consentement à tout moment ; chaque choix est enregistré avec sa date et la version de la politique de confidentialité.</translation>
        </message>
        <message>
            <source>Last change: consent given on %1 (privacy policy %2).</source>
            <translation>Dernier changement : consentement donné le %1 (politique de confidentialité %2).</translation>
        </message>
        <message>
            <source>Last change: consent withdrawn on %1 (privacy policy %2).</source>
            <translation>Dernier changement : consentement retiré le %1 (politique de confidentialité %2).</translation>
        </message>
        <message>
            <source>No choice recorded yet: you receive no marketing e-mail.</source>
            <translation>Aucun choix enregistré : vous ne recevez aucun e-mail commercial.</translation>
        </message>
        <message>
            <source>Your data</source>
            <translation>Vos données</translation>
        </message>
        <message>
            <source>Get a copy of everything CalMedi holds about you, or erase all of it. Both work at any time, with or without a licence.</source>
            <translation>Obtenez une copie de tout ce que CalMedi détient sur vous, ou effacez-le entièrement. Les deux fonctionnent à tout moment, avec ou sans licence.</translation>
        </message>
        <message>
            <source>Export my data…</source>
            <translation>Exporter mes données…</translation>
        </message>
        <message>
            <source>Erase my data…</source>
            <translation>Effacer mes données…</translation>
        </message>
        <message>
            <source>Privacy policy</source>
            <translation>Politique de confidentialité</translation>
        </message>
        <message>
            <source>The privacy policy is at https://calmedi.io/privacy</source>
            <translation>La politique de confidentialité est sur https://calmedi.io/privacy</translation>
        </message>
        <message>
            <source>Used for your licence and for support only. Never sent to %1 or Doctolib, never shared. Correct them here at any time.</source>
            <translation>Utilisées uniquement pour votre licence et l'assistance. Jamais envoyées à %1 ni à Doctolib, jamais partagées. Corrigez-les ici à tout moment.</translation>
        </message>
    </context>
    <context>
        <name>ReminderRows</name>
        <message>
            <source>Reminders</source>
            <translation>Rappels</translation>
        </message>
        <message>
            <source>None</source>
            <translation>Aucun</translation>
        </message>
        <message>
            <source>The calendar's default reminders</source>
            <translation>Les rappels par défaut de l'agenda</translation>
        </message>
        <message>
            <source>Pop-ups, as below</source>
            <translation>Notifications, ci-dessous</translation>
        </message>
        <message>
            <source>First pop-up, minutes before each appointment</source>
            <translation>Première notification, en minutes avant chaque rendez-vous</translation>
        </message>
        <message>
            <source>and</source>
            <translation>et</translation>
        </message>
        <message>
            <source>A second pop-up</source>
            <translation>Une seconde notification</translation>
        </message>
        <message>
            <source>Second pop-up, minutes before each appointment</source>
            <translation>Seconde notification, en minutes avant chaque rendez-vous</translation>
        </message>
        <message>
            <source>Pop-ups before</source>
            <translation>Notifications avant</translation>
        </message>
        <message>
            <source>First of the day</source>
            <translation>Premier du jour</translation>
        </message>
        <message>
            <source>A reminder before the first appointment of the day</source>
            <translation>Un rappel avant le premier rendez-vous du jour</translation>
        </message>
        <message>
            <source>Minutes before the first appointment of the day</source>
            <translation>Minutes avant le premier rendez-vous du jour</translation>
        </message>
        <message>
            <source>The first appointment of each day (every site together) rings earlier too. Google cannot add to the calendar's default reminders: with them, that appointment rings for this one alone.</source>
            <translation>Le premier rendez-vous de chaque jour (tous lieux confondus) sonne aussi plus tôt. Google ne peut rien ajouter aux rappels par défaut de l'agenda : avec eux, ce rendez-vous ne sonne que pour ce rappel-là.</translation>
        </message>
        <message>
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <source>The first appointment of each day (every site together) rings earlier too. In %1, the calendar's default reminders are those each calendar app sets (CalMedi writes no alarm): with them, that appointment rings for this one alone.</source>
            <translation>Le premier rendez-vous de chaque journée (tous sites confondus) sonne aussi plus tôt. Dans %1, les rappels par défaut de l'agenda sont ceux que règle chaque application d'agenda (CalMedi n'écrit aucune alarme) : avec eux, ce rendez-vous ne sonne que pour celui-ci.</translation>
        </message>
    </context>
    <context>
        <name>SettingsWindow</name>
        <message>
            <source>CalMedi – Settings</source>
            <translation>CalMedi – Réglages</translation>
        </message>
        <message>
            <source> (demo)</source>
            <translation> (démo)</translation>
        </message>
        <message>
            <source>Settings pages</source>
            <translation>Pages des réglages</translation>
        </message>
        <message>
            <source>Accounts</source>
            <translation>Comptes</translation>
        </message>
        <message>
            <source>Synchronisation</source>
            <translation>Synchronisation</translation>
        </message>
        <message>
            <source>Privacy</source>
            <translation>Confidentialité</translation>
        </message>
        <message>
            <source>Calendar view</source>
            <translation>Affichage de l'agenda</translation>
        </message>
        <message>
            <source>Profile &amp; consent</source>
            <translation>Profil et consentement</translation>
        </message>
        <message>
            <source>Licence</source>
            <translation>Licence</translation>
        </message>
        <message>
            <source>General</source>
            <translation>Général</translation>
        </message>
        <message>
            <source>Journal</source>
            <translation>Journal</translation>
        </message>
        <message>
            <source>About</source>
            <translation>À propos</translation>
        </message>
        <message>
            <source>Demo calendar</source>
            <translation>Agenda de démonstration</translation>
        </message>
        <message>
            <source>Destination</source>
            <translation>Destination</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <source>Peacock</source>
            <translation>Paon</translation>
        </message>
        <message>
            <source>Lavender</source>
            <translation>Lavande</translation>
        </message>
        <message>
            <source>Sage</source>
            <translation>Sauge</translation>
        </message>
        <message>
            <source>Basil</source>
            <translation>Basilic</translation>
        </message>
        <message>
            <source>Flamingo</source>
            <translation>Flamant</translation>
        </message>
        <message>
            <source>Banana</source>
            <translation>Banane</translation>
        </message>
        <message>
            <source>Tangerine</source>
            <translation>Mandarine</translation>
        </message>
        <message>
            <source>Grape</source>
            <translation>Raisin</translation>
        </message>
        <message>
            <source>Graphite</source>
            <translation>Graphite</translation>
        </message>
        <message>
            <source>Tomato</source>
            <translation>Tomate</translation>
        </message>
        <message>
            <source>Synchronisation</source>
            <translation>Synchronisation</translation>
        </message>
        <message>
            <source>CalMedi copies your appointments into its own Google calendar. Changes are saved and applied at once.</source>
            <translation>CalMedi copie vos rendez-vous dans son propre agenda Google. Les modifications sont enregistrées et appliquées aussitôt.</translation>
        </message>
        <message>
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <source> days</source>
            <translation> jours</translation>
        </message>
        <message>
            <source>Days in the past to sync</source>
            <translation>Jours passés à synchroniser</translation>
        </message>
        <message>
            <source>Days in the past</source>
            <translation>Jours passés</translation>
        </message>
        <message>
            <source>Days ahead to sync</source>
            <translation>Jours à venir à synchroniser</translation>
        </message>
        <message>
            <source>Days ahead</source>
            <translation>Jours à venir</translation>
        </message>
        <message>
            <source>Google calendar name</source>
            <translation>Nom de l'agenda Google</translation>
        </message>
        <message>
            <source>Calendar name</source>
            <translation>Nom de l'agenda</translation>
        </message>
        <message>
            <source>Google calendar colour</source>
            <translation>Couleur de l'agenda Google</translation>
        </message>
        <message>
            <source>Google's default</source>
            <translation>Celle de Google par défaut</translation>
        </message>
        <message>
            <source>Calendar colour</source>
            <translation>Couleur de l'agenda</translation>
        </message>
        <message>
            <source>Time zone of the practice</source>
            <translation>Fuseau horaire du cabinet</translation>
        </message>
        <message>
            <source>Time zone</source>
            <translation>Fuseau horaire</translation>
        </message>
        <message>
            <source> calls/min</source>
            <translation> appels/min</translation>
        </message>
        <message>
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <source>Changes in the coming days reach Google within a minute; the whole period is checked on the slower rhythm. Google lets an app make 600 calls a minute for each user unless its Cloud project has a higher quota: only change the quota if yours does.</source>
            <translation>Les changements des prochains jours arrivent dans Google en moins d'une minute ; toute la période est vérifiée au rythme plus lent. Google permet à une application 600 appels par minute et par utilisateur, sauf si son projet Cloud a un quota plus élevé : ne modifiez le quota que si c'est le cas du vôtre.</translation>
        </message>
        <message>
            <source>Coming days</source>
            <translation>Prochains jours</translation>
        </message>
        <message>
            <source>Google Calendar quota per user, per minute</source>
            <translation>Quota Google Agenda par utilisateur et par minute</translation>
        </message>
        <message>
            <source>Google quota</source>
            <translation>Quota Google</translation>
        </message>
        <message>
            <source>How many coming days, today included</source>
            <translation>Nombre de prochains jours, aujourd'hui compris</translation>
        </message>
        <message>
            <source>Minutes between two syncs of the whole period</source>
            <translation>Minutes entre deux synchronisations de toute la période</translation>
        </message>
        <message>
            <source>Seconds between two syncs of the coming days</source>
            <translation>Secondes entre deux synchronisations des prochains jours</translation>
        </message>
        <message>
            <source>Sync the coming days every</source>
            <translation>Synchroniser les prochains jours toutes les</translation>
        </message>
        <message>
            <source>Sync the whole period every</source>
            <translation>Synchroniser toute la période toutes les</translation>
        </message>
        <message>
            <source>CalMedi copies your appointments to %1. Changes are saved and applied at once.</source>
            <translation>CalMedi copie vos rendez-vous vers %1. Les modifications sont enregistrées et appliquées immédiatement.</translation>
        </message>
        <message>
            <source>Calendar name in %1</source>
            <translation>Nom de l'agenda dans %1</translation>
        </message>
        <message>
            <source>Calendar colour in %1</source>
            <translation>Couleur de l'agenda dans %1</translation>
        </message>
        <message>
            <source>The server's default</source>
            <translation>Celle du serveur</translation>
        </message>
        <message>
            <source>A new name or colour is given to CalMedi's calendar at the next sync, once: if you rename it in Google Calendar later, CalMedi leaves your name. Google's default keeps the calendar's current colour.</source>
            <translation>Un nouveau nom ou une nouvelle couleur est donné à l'agenda de CalMedi à la prochaine synchronisation, une seule fois : si vous le renommez ensuite dans Google Agenda, CalMedi garde votre nom. « Celle de Google par défaut » garde la couleur actuelle de l'agenda.</translation>
        </message>
        <message>
            <source>A new name or colour is given to CalMedi's calendar in %1 at the next sync, once: if you rename it in your calendar app later, CalMedi leaves your name.</source>
            <translation>Un nouveau nom ou une nouvelle couleur est donné à l'agenda de CalMedi dans %1 à la prochaine synchronisation, une seule fois : si vous le renommez ensuite dans votre application d'agenda, CalMedi garde votre nom.</translation>
        </message>
        <message>
            <source>CalMedi writes to a calendar you chose in %1: it leaves that calendar's name and colour alone.</source>
            <translation>CalMedi écrit dans un agenda que vous avez choisi dans %1 : il ne touche ni à son nom ni à sa couleur.</translation>
        </message>
        <message>
            <source>Changes in the coming days reach %1 within a minute; the whole period is checked on the slower rhythm. Google's quota does not apply to a CalDAV calendar.</source>
            <translation>Les changements des prochains jours arrivent dans %1 en moins d'une minute ; toute la période est vérifiée au rythme plus lent. Le quota de Google ne s'applique pas à un agenda CalDAV.</translation>
        </message>
    </context>
    <context>
        <name>Tray</name>
        <message>
            <source>Demo mode – simulated data</source>
            <translation>Mode démo – données simulées</translation>
        </message>
        <message>
            <source>Not connected – open Settings to sign in</source>
            <translation>Non connecté – ouvrez les Réglages pour vous connecter</translation>
        </message>
        <message>
            <source>Syncing…</source>
            <translation>Synchronisation…</translation>
        </message>
        <message>
            <source>Processing paused by you – nothing is read or sent</source>
            <translation>Traitement suspendu par vous – rien n'est lu ni envoyé</translation>
        </message>
        <message>
            <source>Paused</source>
            <translation>En pause</translation>
        </message>
        <message>
            <source>Last attempt failed: %1</source>
            <translation>Dernière tentative échouée : %1</translation>
        </message>
        <message>
            <source>Last sync: %1</source>
            <translation>Dernière synchronisation : %1</translation>
        </message>
        <message>
            <source>Not synced yet</source>
            <translation>Pas encore synchronisé</translation>
        </message>
        <message>
            <source>%1 created · %2 updated · %3 deleted</source>
            <translation>%1 créé(s) · %2 modifié(s) · %3 supprimé(s)</translation>
        </message>
        <message numerus="yes">
            <source>%n deletion(s) held back</source>
            <translation>
                <numerusform>%n suppression retenue</numerusform>
                <numerusform>%n suppressions retenues</numerusform>
            </translation>
        </message>
        <message>
            <source>Sync now</source>
            <translation>Synchroniser maintenant</translation>
        </message>
        <message>
            <source>Resume syncing</source>
            <translation>Reprendre la synchronisation</translation>
        </message>
        <message>
            <source>Pause syncing</source>
            <translation>Mettre en pause</translation>
        </message>
        <message>
            <source>Review held deletions…</source>
            <translation>Examiner les suppressions retenues…</translation>
        </message>
        <message>
            <source>Manage subscription…</source>
            <translation>Gérer l'abonnement…</translation>
        </message>
        <message>
            <source>Show demo calendar</source>
            <translation>Afficher l'agenda de démo</translation>
        </message>
        <message>
            <source>Settings…</source>
            <translation>Réglages…</translation>
        </message>
        <message>
            <source>Export my data…</source>
            <translation>Exporter mes données…</translation>
        </message>
        <message>
            <source>Erase my data…</source>
            <translation>Effacer mes données…</translation>
        </message>
        <message>
            <source>Quit CalMedi</source>
            <translation>Quitter CalMedi</translation>
        </message>
        <message>
            <source>Open %1</source>
            <translation>Ouvrir %1</translation>
        </message>
    </context>
    <context>
        <name>Upkeep</name>
        <message>
            <source>Your CalMedi licence ended 12 months ago, so CalMedi has erased the account data it kept on this computer, as its privacy policy promises. The CalMedi calendar in Google Calendar was kept. CalMedi will now close.</source>
            <translation>Votre licence CalMedi a pris fin il y a 12 mois : CalMedi a donc effacé les données de compte qu'il conservait sur cet ordinateur, comme le prévoit sa politique de confidentialité. L'agenda CalMedi dans Google Agenda a été conservé. CalMedi va maintenant se fermer.</translation>
        </message>
        <message>
            <source>Account data erased</source>
            <translation>Données de compte effacées</translation>
        </message>
        <message>
            <source>Your CalMedi subscription has ended. The account data CalMedi keeps on this computer will be erased on %1 unless the subscription is renewed. To keep a copy, choose “Export my data…” in the CalMedi menu.</source>
            <translation>Votre abonnement CalMedi a pris fin. Les données de compte que CalMedi conserve sur cet ordinateur seront effacées le %1, sauf si l'abonnement est renouvelé. Pour en garder une copie, choisissez « Exporter mes données… » dans le menu CalMedi.</translation>
        </message>
        <message>
            <source>Your CalMedi data will soon be erased</source>
            <translation>Vos données CalMedi seront bientôt effacées</translation>
        </message>
        <message>
            <source>Your CalMedi licence ended 12 months ago, so CalMedi has erased the account data it kept on this computer, as its privacy policy promises. CalMedi's calendar in %1 was kept. CalMedi will now close.</source>
            <translation>Votre licence CalMedi a pris fin il y a 12 mois : CalMedi a donc effacé les données de compte qu'il conservait sur cet ordinateur, comme le prévoit sa politique de confidentialité. L'agenda de CalMedi dans %1 a été conservé. CalMedi va maintenant se fermer.</translation>
        </message>
    </context>
    <context>
        <name>WeekView</name>
        <message>
            <source>Week view of the calendar</source>
            <translation>Vue semaine de l'agenda</translation>
        </message>
        <message>
            <source>Day view</source>
            <translation>Vue jour de l'agenda</translation>
        </message>
        <message numerus="yes">
            <source>%n appointment(s) this week</source>
            <translation>
                <numerusform>%n rendez-vous cette semaine</numerusform>
                <numerusform>%n rendez-vous cette semaine</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Welcome to CalMedi</source>
            <translation>Bienvenue dans CalMedi</translation>
        </message>
        <message>
            <source>Your Doctolib appointments in your own calendar, privately.</source>
            <translation>Vos rendez-vous Doctolib dans votre propre agenda, en toute confidentialité.</translation>
        </message>
        <message>
            <source>&lt;p&gt;CalMedi copies your Doctolib appointments, one way, into a calendar of its own in Google Calendar, Apple iCloud or any CalDAV calendar, within minutes.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Your patients' privacy&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Appointments are never written to this computer's disk: they only pass through memory.&lt;/li&gt;&lt;li&gt;By default your calendar only shows the type of visit (“Consultation”), never who the patient is.&lt;/li&gt;&lt;li&gt;Your sign-ins are kept in the system keyring, never in a file.&lt;/li&gt;&lt;li&gt;You can export or erase everything CalMedi holds about you at any time, from the tray menu.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;The full privacy policy is in Settings → About.&lt;/p&gt;</source>
            <translation>&lt;p&gt;CalMedi copie vos rendez-vous Doctolib, dans un seul sens, vers un agenda qui lui est propre dans Google Agenda, Apple iCloud ou tout agenda CalDAV, en quelques minutes.&lt;/p&gt;&lt;p&gt;&lt;b&gt;La confidentialité de vos patients&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Les rendez-vous ne sont jamais écrits sur le disque de cet ordinateur : ils ne font que passer en mémoire.&lt;/li&gt;&lt;li&gt;Par défaut, votre agenda n'affiche que le type de visite (« Consultation »), jamais l'identité du patient.&lt;/li&gt;&lt;li&gt;Vos connexions sont conservées dans le trousseau du système, jamais dans un fichier.&lt;/li&gt;&lt;li&gt;Vous pouvez exporter ou effacer à tout moment tout ce que CalMedi détient sur vous, depuis le menu de l'icône.&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;La politique de confidentialité complète est dans Réglages → À propos.&lt;/p&gt;</translation>
        </message>
    </context>
</TS>
