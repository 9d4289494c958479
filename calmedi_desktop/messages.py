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
