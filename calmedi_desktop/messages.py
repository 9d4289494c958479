"""The core's user-facing strings: key -> {"fr": ..., "en": ...}. Placeholders use str.format names."""

from __future__ import annotations

from calmedi_desktop.cli_messages import CLI

MESSAGES: dict[str, dict[str, str]] = {
    # Event titles
    "title.consultation": {"fr": "Consultation", "en": "Consultation"},
    "title.teleconsultation": {"fr": "Téléconsultation", "en": "Video consultation"},
    "title.appointment": {"fr": "Rendez-vous", "en": "Appointment"},
    # Errors: title + message (what happened, what to do)
    "error.generic.title": {"fr": "Erreur", "en": "Error"},
    "error.generic.message": {"fr": "{detail}", "en": "{detail}"},
    "error.config.title": {"fr": "Configuration invalide", "en": "Invalid configuration"},
    "error.config.message": {"fr": "{detail}", "en": "{detail}"},
    "error.invalid_setting.title": {"fr": "Réglage invalide", "en": "Invalid setting"},
    "error.invalid_setting.message": {
        "fr": "« {key} » : {reason}.",
        "en": "“{key}”: {reason}.",
    },
    "error.insecure_url.title": {"fr": "Adresse refusée", "en": "Address refused"},
    "error.insecure_url.message": {
        "fr": "{url} doit commencer par https:// (http:// n'est accepté que pour cette machine elle-même).",
        "en": "{url} must start with https:// (http:// is accepted only for this machine itself).",
    },
    "error.oauth_client_missing.title": {
        "fr": "Client OAuth Google manquant",
        "en": "Google OAuth client missing",
    },
    "error.oauth_client_missing.message": {
        "fr": "Cette installation ne contient pas de client OAuth Google. Créez un client « Application de "
        "bureau » dans la console Google Cloud, puis indiquez son fichier JSON dans les réglages ou par "
        "CALMEDI_GOOGLE_CLIENT_FILE (voir le README, « Votre propre client OAuth »).",
        "en": "This installation has no Google OAuth client. Create a “Desktop app” client in the Google "
        "Cloud console, then choose its JSON file in the settings or set CALMEDI_GOOGLE_CLIENT_FILE (see "
        "the README, “Bring your own OAuth client”).",
    },
    "error.keyring.title": {"fr": "Trousseau indisponible", "en": "Keyring unavailable"},
    "error.keyring.message": {
        "fr": "Le trousseau du système n'a pas répondu ({detail}). Vérifiez qu'il est installé et démarré "
        "(GNOME Keyring ou KWallet sous Linux), puis réessayez.",
        "en": "The system keyring did not answer ({detail}). Check that it is installed and running "
        "(GNOME Keyring or KWallet on Linux), then try again.",
    },
    "error.keyring_insecure.title": {"fr": "Aucun trousseau sécurisé", "en": "No secure keyring"},
    "error.keyring_insecure.message": {
        "fr": "CalMedi ne stocke ses accès que dans un trousseau sécurisé, et le seul disponible ici est "
        "« {backend} », qui n'est pas sûr. Installez et démarrez GNOME Keyring (paquet gnome-keyring) ou "
        "KWallet, puis relancez CalMedi. CalMedi n'enregistre jamais ses accès dans un fichier.",
        "en": "CalMedi keeps its sign-ins only in a secure keyring, and the only one available here is "
        "“{backend}”, which is not secure. Install and start GNOME Keyring (package gnome-keyring) or "
        "KWallet, then start CalMedi again. CalMedi never stores its sign-ins in a file.",
    },
    "error.keyring_locked.title": {"fr": "Trousseau verrouillé", "en": "Keyring locked"},
    "error.keyring_locked.message": {
        "fr": "Le trousseau du système est verrouillé. Déverrouillez-le (ouvrez votre session ou l'application "
        "« Mots de passe et clés ») puis réessayez.",
        "en": "The system keyring is locked. Unlock it (log in again, or open “Passwords and Keys”) and try again.",
    },
    "error.not_connected.title": {"fr": "Compte non connecté", "en": "Account not connected"},
    "error.not_connected.message": {
        "fr": "{service} n'est pas connecté. Lancez « calmedi connect {command} » ou connectez-le dans les réglages.",
        "en": "{service} is not connected. Run “calmedi connect {command}” or connect it in the settings.",
    },
    "error.auth_expired.title": {"fr": "Connexion expirée", "en": "Sign-in expired"},
    "error.auth_expired.message": {
        "fr": "{service} a refusé l'accès enregistré. Reconnectez-vous à {service} (« calmedi connect {command} »).",
        "en": "{service} refused the stored sign-in. Sign in to {service} again (“calmedi connect {command}”).",
    },
    "error.auth_denied.title": {"fr": "Accès refusé", "en": "Access denied"},
    "error.auth_denied.message": {
        "fr": "L'autorisation a été refusée sur {service} ({detail}). Rien n'a été modifié.",
        "en": "Authorisation was refused at {service} ({detail}). Nothing was changed.",
    },
    "error.network.title": {"fr": "Réseau indisponible", "en": "Network unavailable"},
    "error.network.message": {
        "fr": "{service} ne répond pas ({detail}). CalMedi réessaiera automatiquement.",
        "en": "{service} does not answer ({detail}). CalMedi will try again automatically.",
    },
    "error.source.title": {"fr": "Lecture de l'agenda impossible", "en": "Could not read the agenda"},
    "error.source.message": {
        "fr": "{service} : {detail}. Aucun rendez-vous n'a été modifié ni supprimé dans Google.",
        "en": "{service}: {detail}. No appointment was changed or deleted in Google.",
    },
    "error.source_data.title": {"fr": "Réponse inattendue de l'agenda", "en": "Unexpected agenda data"},
    "error.source_data.message": {
        "fr": "{service} a renvoyé des données invalides ({detail}). Aucun rendez-vous n'a été modifié ni "
        "supprimé dans Google.",
        "en": "{service} sent invalid data ({detail}). No appointment was changed or deleted in Google.",
    },
    "error.target.title": {"fr": "Écriture dans Google impossible", "en": "Could not write to Google"},
    "error.target.message": {"fr": "{detail}", "en": "{detail}"},
    "error.quota.title": {"fr": "Quota Google atteint", "en": "Google quota reached"},
    "error.quota.message": {
        "fr": "Google limite temporairement les écritures ({detail}). CalMedi réessaiera plus tard ; rien n'est perdu.",
        "en": "Google is temporarily limiting writes ({detail}). CalMedi will try again later; nothing is lost.",
    },
    "error.licence.title": {"fr": "Licence", "en": "Licence"},
    "error.licence.message": {"fr": "{detail}", "en": "{detail}"},
    "error.licence_required.title": {"fr": "Synchronisation en pause", "en": "Sync paused"},
    "error.licence_required.message": {
        "fr": "Votre licence n'est pas valide ({detail}). La synchronisation est en pause ; rien n'a été "
        "supprimé, et l'export et l'effacement de vos données restent disponibles.",
        "en": "Your licence is not valid ({detail}). Syncing is paused; nothing was deleted, and exporting "
        "or erasing your data remains available.",
    },
    "error.processing_paused.title": {"fr": "Traitement suspendu", "en": "Processing paused"},
    "error.processing_paused.message": {
        "fr": "Vous avez suspendu tout traitement. Reprenez-le pour synchroniser (« calmedi resume »).",
        "en": "You paused all processing. Resume it to sync (“calmedi resume”).",
    },
    "error.disk.title": {"fr": "Écriture sur le disque impossible", "en": "Could not write to disk"},
    "error.disk.message": {
        "fr": "{path} : {detail}. Libérez de la place ou vérifiez les droits, puis réessayez.",
        "en": "{path}: {detail}. Free some space or check permissions, then try again.",
    },
    # Sync outcomes
    "sync.held_deletes": {
        "fr": "{count} suppression(s) retenue(s) par sécurité : la source a renvoyé {desired} rendez-vous "
        "pour {existing} présents dans Google. Confirmez avec --allow-mass-delete si c'est voulu.",
        "en": "{count} deletion(s) held back for safety: the source returned {desired} appointments for "
        "{existing} present in Google. Confirm with --allow-mass-delete if this is intended.",
    },
    "progress.reading": {"fr": "Lecture de vos rendez-vous…", "en": "Reading your appointments…"},
    "progress.comparing": {"fr": "Comparaison avec Google Agenda…", "en": "Comparing with Google Calendar…"},
    "progress.up_to_date": {"fr": "Google Agenda est déjà à jour.", "en": "Google Calendar is already up to date."},
    "progress.writing": {
        "fr": "Écriture dans Google Agenda : {done} sur {total}",
        "en": "Writing to Google Calendar: {done} of {total}",
    },
    "sync.summary": {
        "fr": "{created} créé(s), {updated} modifié(s), {deleted} supprimé(s), {unchanged} inchangé(s), "
        "{failed} en échec, en {duration_s:.1f} s",
        "en": "{created} created, {updated} updated, {deleted} deleted, {unchanged} unchanged, "
        "{failed} failed, in {duration_s:.1f} s",
    },
    "service.google": {"fr": "Google Agenda", "en": "Google Calendar"},
    "service.doctolib": {"fr": "Doctolib", "en": "Doctolib"},
    "service.ics": {"fr": "Flux iCalendar", "en": "iCalendar feed"},
    "service.licence": {"fr": "Serveur de licences", "en": "Licence server"},
}

MESSAGES.update(
    {
        "ics.url_unreadable": {
            "fr": "cette adresse n'est pas lisible ; copiez-la à nouveau depuis votre logiciel d'agenda",
            "en": "this address cannot be read; copy it again from your calendar software",
        },
        "ics.name_rule": {
            "fr": "1 à 40 lettres, chiffres, espaces, - ou _",
            "en": "1 to 40 letters, digits, spaces, - or _",
        },
    }
)

MESSAGES.update({f"cli.{key}": {"fr": fr, "en": en} for key, (fr, en) in CLI.items()})

MESSAGES.update(
    {
        "demo.headless_intro": {
            "fr": "Démo CalMedi : simulateurs Doctolib et Google locaux, aucune donnée réelle. Ctrl-C pour arrêter.",
            "en": "CalMedi demo: local Doctolib and Google simulators, no real data. Ctrl-C to stop.",
        },
    }
)

# Privacy rights: export and erasure (privacy/export.py, privacy/erase.py).
MESSAGES.update(
    {
        "error.export_exists.title": {"fr": "Le fichier existe déjà", "en": "The file already exists"},
        "error.export_exists.message": {
            "fr": "{path} existe déjà et n'a pas été remplacé. Choisissez un autre nom, ou confirmez le "
            "remplacement (--overwrite).",
            "en": "{path} already exists and was not replaced. Choose another name, or confirm the replacement "
            "(--overwrite).",
        },
        "error.export_refused.title": {"fr": "Export annulé", "en": "Export cancelled"},
        "error.export_refused.message": {
            "fr": "L'export aurait contenu un secret ({field}). Aucun fichier n'a été écrit. Signalez ce problème "
            "à support@calmedi.io.",
            "en": "The export would have contained a secret ({field}). No file was written. Please report this "
            "to support@calmedi.io.",
        },
        "erase.plan.header": {"fr": "CalMedi va effacer :", "en": "CalMedi will erase:"},
        "erase.plan.folder": {
            "fr": "le dossier {path} et tout son contenu",
            "en": "the folder {path} and everything in it",
        },
        "erase.plan.file": {"fr": "le fichier {path}", "en": "the file {path}"},
        "erase.plan.keyring": {
            "fr": "l'entrée « {name} » du trousseau du système",
            "en": "the system keyring entry “{name}”",
        },
        "erase.plan.nothing_local": {
            "fr": "aucun fichier de CalMedi n'est présent sur cet ordinateur",
            "en": "no CalMedi file is present on this computer",
        },
        "erase.plan.kept": {
            "fr": "Les exports que vous avez enregistrés vous appartiennent : CalMedi ne les supprime pas.",
            "en": "Exports you saved are yours: CalMedi does not delete them.",
        },
        "erase.step.google_calendar": {
            "fr": "supprimer l'agenda CalMedi dans Google Agenda",
            "en": "delete the CalMedi calendar in Google Calendar",
        },
        "erase.step.google_calendar.manual": {
            "fr": "ouvrez Google Agenda (calendar.google.com), Paramètres, choisissez l'agenda CalMedi, puis "
            "« Supprimer l'agenda »",
            "en": "open Google Calendar (calendar.google.com), Settings, choose the CalMedi calendar, then "
            "“Remove calendar”",
        },
        "erase.step.google_revoke": {
            "fr": "retirer l'accès de CalMedi à votre compte Google",
            "en": "revoke CalMedi's access to your Google account",
        },
        "erase.step.google_revoke.manual": {
            "fr": "ouvrez {url}, choisissez CalMedi, puis « Supprimer l'accès »",
            "en": "open {url}, choose CalMedi, then “Remove access”",
        },
        "erase.step.doctolib_revoke": {
            "fr": "retirer l'accès de CalMedi à votre compte Doctolib",
            "en": "revoke CalMedi's access to your Doctolib account",
        },
        "erase.step.doctolib_revoke.manual": {
            "fr": "connectez-vous à Doctolib Pro et retirez l'accès de CalMedi : {url}",
            "en": "sign in to Doctolib Pro and remove CalMedi's access: {url}",
        },
        "erase.step.licence_forget": {
            "fr": "désactiver la licence de cet ordinateur",
            "en": "deactivate this computer's licence",
        },
        "erase.step.licence_forget.manual": {
            "fr": "écrivez à support@calmedi.io pour demander l'effacement de votre compte client",
            "en": "write to support@calmedi.io to ask for your customer account to be erased",
        },
        "erase.step.keyring": {
            "fr": "effacer les accès enregistrés dans le trousseau du système ({count})",
            "en": "erase the sign-ins stored in the system keyring ({count})",
        },
        "erase.step.keyring.manual": {
            "fr": "déverrouillez le trousseau et relancez CalMedi, qui terminera l'effacement ; ou supprimez "
            "vous-même les entrées du service « {service} » (application « Mots de passe et clés » ou KWallet)",
            "en": "unlock the keyring and start CalMedi again, which will finish the erasure; or delete the "
            "entries of service “{service}” yourself (“Passwords and Keys” or KWallet)",
        },
        "erase.step.files": {
            "fr": "supprimer les fichiers et dossiers de CalMedi sur cet ordinateur ({count})",
            "en": "delete CalMedi's files and folders on this computer ({count})",
        },
        "erase.step.files.manual": {
            "fr": "relancez CalMedi, qui terminera l'effacement, ou supprimez vous-même : {paths}",
            "en": "start CalMedi again, which will finish the erasure, or delete these yourself: {paths}",
        },
        "erase.receipt.complete": {
            "fr": "Vos données CalMedi ont été effacées de cet ordinateur.",
            "en": "Your CalMedi data has been erased from this computer.",
        },
        "erase.receipt.incomplete": {
            "fr": "L'effacement n'est pas terminé sur cet ordinateur ; il reprendra au prochain démarrage de CalMedi.",
            "en": "Erasure is not finished on this computer; it will resume the next time CalMedi starts.",
        },
        "erase.receipt.done": {"fr": "Fait : {name}", "en": "Done: {name}"},
        "erase.receipt.not_done": {"fr": "Non fait : {name}", "en": "Not done: {name}"},
        "erase.receipt.manual": {"fr": "à faire vous-même : {instructions}", "en": "to do yourself: {instructions}"},
        "erase.receipt.not_kept": {
            "fr": "Ce reçu n'est enregistré nulle part : copiez-le si vous souhaitez le conserver.",
            "en": "This receipt is not saved anywhere: copy it if you want to keep it.",
        },
    }
)

# Sign-in through the browser (oauth_loopback.py, sync/sources/doctolib_auth.py).
MESSAGES.update(
    {
        "error.auth_timeout.title": {"fr": "Connexion non terminée", "en": "Sign-in not completed"},
        "error.auth_timeout.message": {
            "fr": "La page de connexion à {service} n'a pas été validée dans les {seconds} secondes. Relancez la "
            "connexion (« calmedi connect {command} ») et terminez-la dans le navigateur.",
            "en": "The {service} sign-in page was not completed within {seconds} seconds. Start the sign-in again "
            "(“calmedi connect {command}”) and finish it in the browser.",
        },
        "oauth.page.title": {"fr": "CalMedi", "en": "CalMedi"},
        "oauth.page.done": {
            "fr": "Connexion réussie. Vous pouvez fermer cette fenêtre et revenir à CalMedi.",
            "en": "Signed in. You can close this window and return to CalMedi.",
        },
        "oauth.page.failed": {
            "fr": "La connexion n'a pas abouti. Fermez cette fenêtre et revenez à CalMedi.",
            "en": "The sign-in did not complete. Close this window and return to CalMedi.",
        },
    }
)

# Google Calendar target and sign-in (sync/targets/google*.py).
MESSAGES.update(
    {
        "google.detail.http": {
            "fr": "Google a répondu {status} ({reason})",
            "en": "Google answered {status} ({reason})",
        },
        "google.detail.unexpected": {"fr": "erreur inattendue ({kind})", "en": "unexpected error ({kind})"},
        "google.detail.conflict": {
            "fr": "un événement qui n'est pas de CalMedi porte déjà cet identifiant",
            "en": "an event CalMedi did not write already has this id",
        },
        "google.detail.access_denied": {"fr": "accès refusé", "en": "access denied"},
        "google.detail.no_refresh_token": {
            "fr": "Google n'a pas fourni d'accès durable ; retirez CalMedi de votre compte Google puis reconnectez-le",
            "en": "Google gave no lasting access; remove CalMedi from your Google account, then connect again",
        },
        "net.timeout": {"fr": "délai dépassé", "en": "timed out"},
        "net.connection_lost": {"fr": "connexion interrompue", "en": "connection lost"},
        "net.server_not_found": {"fr": "serveur introuvable", "en": "server not found"},
    }
)

# iCalendar feed source (sync/sources/ics*.py). Details complete error.source / error.source_data messages.
MESSAGES.update(
    {
        "ics.detail.http_status": {
            "fr": "le serveur du flux a répondu HTTP {status}",
            "en": "the feed server answered HTTP {status}",
        },
        "ics.detail.not_found": {
            "fr": "le flux est introuvable (HTTP {status}) ; vérifiez l'adresse ou générez-en une nouvelle",
            "en": "the feed was not found (HTTP {status}); check the address or create a new one",
        },
        "ics.detail.forbidden": {
            "fr": "l'accès au flux est refusé (HTTP {status}) ; l'adresse a peut-être expiré, générez-en une "
            "nouvelle dans votre logiciel d'agenda",
            "en": "access to the feed was refused (HTTP {status}); the address may have expired, create a new "
            "one in your agenda software",
        },
        "ics.detail.unavailable": {
            "fr": "le serveur du flux est indisponible (HTTP {status}) ; CalMedi réessaiera",
            "en": "the feed server is unavailable (HTTP {status}); CalMedi will try again",
        },
        "ics.detail.too_large": {
            "fr": "le flux dépasse la taille maximale de {limit_mb} Mo",
            "en": "the feed is larger than the {limit_mb} MB limit",
        },
        "ics.detail.too_slow": {
            "fr": "le flux n'a pas été reçu en {seconds} s",
            "en": "the feed was not received within {seconds} s",
        },
        "ics.detail.too_many_redirects": {
            "fr": "le serveur du flux a redirigé plus de {count} fois",
            "en": "the feed server redirected more than {count} times",
        },
        "ics.detail.insecure_redirect": {
            "fr": "le serveur du flux a redirigé vers une adresse non sécurisée, refusée",
            "en": "the feed server redirected to an insecure address, which was refused",
        },
        "ics.detail.bad_redirect": {
            "fr": "le serveur du flux a envoyé une redirection invalide",
            "en": "the feed server sent an invalid redirect",
        },
        "ics.detail.unexpected_304": {
            "fr": "le serveur du flux a répondu « non modifié » sans qu'on le lui demande",
            "en": "the feed server answered “not modified” without being asked",
        },
        "ics.data.empty": {"fr": "réponse vide", "en": "empty answer"},
        "ics.data.not_calendar": {
            "fr": "ce n'est pas un flux iCalendar, ligne {line}",
            "en": "this is not an iCalendar feed, line {line}",
        },
        "ics.data.binary": {"fr": "contenu binaire à la ligne {line}", "en": "binary content at line {line}"},
        "ics.data.encoding": {"fr": "encodage illisible", "en": "unreadable text encoding"},
        "ics.data.bad_line": {"fr": "ligne {line} illisible", "en": "line {line} cannot be read"},
        "ics.data.unbalanced": {
            "fr": "ligne {line} : fin d'un composant qui n'est pas ouvert",
            "en": "line {line}: end of a component that is not open",
        },
        "ics.data.truncated": {
            "fr": "flux tronqué : le composant ouvert à la ligne {line} n'est jamais fermé",
            "en": "truncated feed: the component opened at line {line} is never closed",
        },
        "ics.data.trailing": {
            "fr": "contenu après la fin du calendrier à la ligne {line}",
            "en": "content after the end of the calendar at line {line}",
        },
        "ics.data.too_deep": {
            "fr": "composants imbriqués trop profondément à la ligne {line}",
            "en": "components nested too deeply at line {line}",
        },
        "ics.data.too_many": {
            "fr": "nombre d'événements déraisonnable : plus de {limit}",
            "en": "unreasonable number of events: more than {limit}",
        },
        "ics.data.calscale": {
            "fr": "calendrier non grégorien à la ligne {line}",
            "en": "non-Gregorian calendar at line {line}",
        },
        "ics.data.bad_value": {
            "fr": "valeur invalide pour {prop} à la ligne {line}",
            "en": "invalid {prop} value at line {line}",
        },
        "ics.data.bad_component": {
            "fr": "composant illisible à partir de la ligne {line}",
            "en": "unreadable component starting at line {line}",
        },
        "ics.data.no_start": {
            "fr": "événement sans date de début à la ligne {line}",
            "en": "event without a start at line {line}",
        },
        "ics.data.unknown_zone": {
            "fr": "fuseau horaire inconnu à la ligne {line}",
            "en": "unknown time zone at line {line}",
        },
        "ics.data.end_before_start": {
            "fr": "fin avant le début à la ligne {line}",
            "en": "end before start at line {line}",
        },
        "ics.data.recurrence_too_costly": {
            "fr": "règle de répétition déraisonnable à la ligne {line}",
            "en": "unreasonable repetition rule at line {line}",
        },
    }
)

# Why a setting's value was refused (config.Setting.parse).
SETTING_REASONS: dict[str, dict[str, str]] = {
    "required": {"fr": "une valeur est requise", "en": "a value is required"},
    "choices": {"fr": "valeurs possibles : {choices}", "en": "possible values: {choices}"},
    "range": {"fr": "un nombre entre {minimum} et {maximum}", "en": "a number from {minimum} to {maximum}"},
    "bool": {"fr": "oui/non (true/false)", "en": "yes/no (true/false)"},
    "int": {"fr": "un nombre entier", "en": "a whole number"},
    "int_list": {"fr": "des numéros séparés par des virgules", "en": "numbers separated by commas"},
    "too_long": {"fr": "200 caractères au plus", "en": "at most 200 characters"},
    "unknown": {"fr": "réglage inconnu", "en": "unknown setting"},
    "email": {"fr": "une adresse e-mail valide", "en": "a valid e-mail address"},
    "phone": {"fr": "un numéro de téléphone valide", "en": "a valid phone number"},
    "timezone": {"fr": "un fuseau horaire IANA (ex. Europe/Paris)", "en": "an IANA time zone (e.g. Europe/Paris)"},
}
MESSAGES.update({f"setting.reason.{name}": text for name, text in SETTING_REASONS.items()})

# Tiered sync and Google's quota (sync/tiers.py, sync/quota.py, status_text.py, headless.py).
MESSAGES.update(
    {
        "progress.quota_wait": {
            "fr": "Google limite le rythme des écritures : {done} sur {total}, encore environ {left}",
            "en": "Google limits the pace of writes: {done} of {total}, about {left} left",
        },
        "progress.writing_eta": {
            "fr": "Écriture dans Google Agenda : {done} sur {total}, encore environ {left}",
            "en": "Writing to Google Calendar: {done} of {total}, about {left} left",
        },
        "progress.seconds": {"fr": "{n} s", "en": "{n} s"},
        "progress.minutes": {"fr": "{n} min", "en": "{n} min"},
        "cli.running_tiered": {
            "fr": "Synchronisation des {near_days} prochains jours toutes les {near_seconds} s, de toute la "
            "période toutes les {full_minutes} min. Ctrl-C pour arrêter.",
            "en": "Syncing the coming {near_days} days every {near_seconds} s and the whole window every "
            "{full_minutes} min. Ctrl-C to stop.",
        },
        "cli.status_cadence": {
            "fr": "Rythme : les {near_days} prochains jours toutes les {near_seconds} s, toute la période "
            "({past_days} j avant, {future_days} j après) toutes les {full_minutes} min ; quota Google "
            "{quota} appels/min",
            "en": "Pace: the coming {near_days} days every {near_seconds} s, the whole window ({past_days} "
            "days back, {future_days} ahead) every {full_minutes} min; Google quota {quota} calls/min",
        },
        "cli.status_last_full": {
            "fr": "Dernière lecture de toute la période : {at}",
            "en": "Last sync of the whole window: {at}",
        },
    }
)
