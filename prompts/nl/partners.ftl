## /partners: de longlist, de shortlist en de sleutelfiguren ("Samen met anderen").

partner-list-title =
    <b>Partners van { $group }</b> ({ $count })
    Maak van de longlist een shortlist (⭐): wie beweegt er al en kun je meenemen?
partner-list-empty = Nog geen partners. Denk aan het buurthuis, de wijkregisseur, de school, of die buurtbewoner die overal bij is.
partner-list-page = Pagina { $page } van { $pages }
partner-line = { $star }<b>{ $name }</b>
partner-line-kind = { $kind }
partner-line-moving = beweegt al: { $moving }
partner-line-actions = { $count ->
        [one] 1 actie samen
       *[other] { $count } acties samen
    }
partner-role-formal = { $role } (formele rol)
partner-role-informal = { $role } (informele rol)
partner-role-free = { $role }
partner-add = ➕ Partner toevoegen
partner-card-name = { $star }<b>{ $name }</b>
partner-card-shortlist = Op de shortlist: beweegt al mee.
partner-card-longlist = Op de longlist.
partner-card-kind = Soort: { $kind }
partner-card-role = Sleutelfiguur: { $role }
partner-card-contact = Contact: { $contact }
partner-card-moving = Beweegt al? { $moving }
partner-card-last = Laatste contact: { $day }
partner-card-actions = { $count ->
        [0] Nog geen acties samen.
        [one] 1 actie samen:
       *[other] { $count } acties samen:
    }
partner-card-action = • { $title } ({ $state ->
        [proposed] voorstel
        [running] loopt
        [done] gedaan
       *[other] losgelaten
    }) { $day }
partner-shortlist-add = ⭐ Op de shortlist
partner-shortlist-remove = Van de shortlist af
partner-edit-name = Naam
partner-edit-kind = Soort
partner-edit-contact = Contact
partner-edit-moving = Beweegt al?
partner-edit-last = Laatste contact
partner-edit-role = Sleutelfiguur
partner-remove = 🗑 Verwijderen
partner-remove-confirm = Wil je <b>{ $name }</b> van de lijst halen? Acties met hen blijven bewaard.
partner-remove-yes = Ja, verwijderen
partner-removed = { $name } staat niet meer op de lijst.
partner-gone = Deze partner staat niet meer op de lijst.
partner-saved = Opgeslagen.
partner-ask-name = Hoe heet de partner of organisatie?
partner-ask-kind = Wat voor partner is <b>{ $name }</b>?
partner-ask-kind-text = Wat voor partner is <b>{ $name }</b>? Typ het in een paar woorden.
partner-ask-contact = Hoe bereik je <b>{ $name }</b>? Een naam, telefoon of mailadres. Typ "-" als je het nog niet weet.
partner-ask-moving = Beweegt <b>{ $name }</b> al? Wat doen ze al in de buurt, waar kunnen we bij aansluiten? Typ "-" om het leeg te laten.
partner-ask-last = Wanneer hadden jullie het laatst contact met <b>{ $name }</b>? Bijvoorbeeld "gisteren", "vorige week" of "3 november".
partner-ask-role = Is <b>{ $name }</b> een sleutelfiguur in de buurt? Denk aan de wijkregisseur (formele rol) en buurtburgemeesters (informele rol).
partner-ask-role-text = Welke rol heeft <b>{ $name }</b> in de buurt? Typ "-" om het leeg te laten.
partner-role-choice-w = Wijkregisseur (formeel)
partner-role-choice-b = Buurtburgemeester (informeel)
partner-role-choice-other = Andere rol…
partner-role-choice-x = Geen sleutelfiguur
partner-role-name-w = wijkregisseur
partner-role-name-b = buurtburgemeester
partner-bad-date = Die datum begrijp ik niet, of hij ligt in de toekomst. Probeer bijvoorbeeld "gisteren" of "3 november".
partner-kind-welzijn = Welzijn
partner-kind-gemeente = Gemeente
partner-kind-corporatie = Woningcorporatie
partner-kind-buurthuis = Buurthuis
partner-kind-zorg = Zorg
partner-kind-school = School
partner-kind-ondernemer = Ondernemer
partner-kind-bewoner = Actieve bewoner
partner-kind-other = Anders…
partner-skip = Overslaan

## Partners als gelijken: wederkerigheid, waar we staan, wensen, samen gedaan, en een duwtje als het stil is.

partner-line-status = { $status ->
        [meeting] kennismaken
        [talking] in gesprek
        [together] we werken samen
       *[not_now] (nog) niet
    }
partner-card-status = Waar we staan: { $status ->
        [meeting] kennismaken
        [talking] in gesprek
        [together] we werken samen
       *[not_now] (nog) niet
    }
partner-card-asks = Wat vragen zij van ons? { $text }
partner-card-offer = Wat kunnen wij voor hen doen? { $text }
partner-card-theirs = Zij willen: { $text }
partner-card-ours = Wij willen: { $text }
partner-card-done = 🤝 Samen gedaan: { $count ->
        [one] 1 actie
       *[other] { $count } acties
    } ({ $titles })
partner-card-reached = bereikt: { $count ->
        [one] 1 mens
       *[other] { $count } mensen
    }
partner-edit-status = Waar staan we?
partner-edit-asks = Wat vragen zij?
partner-edit-offer = Wat bieden wij?
partner-edit-theirs = Wat willen zij?
partner-edit-ours = Wat willen wij?
partner-ask-status = Waar staan we met <b>{ $name }</b>? Kies wat nu het beste past. Is het nieuw, dan zet ik het laatste contact op vandaag.
partner-status-choice = { $mark }{ $status ->
        [meeting] 👋 Kennismaken
        [talking] 💬 In gesprek
        [together] 🤝 We werken samen
       *[not_now] ⏸ (Nog) niet
    }
partner-status-saved-contact = Opgeslagen. Het laatste contact staat nu op vandaag. Klopt dat niet? Kies Laatste contact.
partner-bad-status = Dat kan ik niet kiezen. Er is niets veranderd.
partner-ask-asks = Wat vraagt <b>{ $name }</b> van ons? Bijvoorbeeld: "hulp bij de koffieochtend". Typ "-" om het leeg te laten.
partner-ask-offer = Wat kunnen wij voor <b>{ $name }</b> doen? Vraag niet alleen: "Wat hebben wij nodig?", maar ook: "Wat kunnen we voor elkaar betekenen?". Typ "-" om het leeg te laten.
partner-ask-theirs = Wat wil <b>{ $name }</b>? Soms willen zij iets anders dan wij, en dat mag. Schrijf het in een paar woorden, of typ "-" om het leeg te laten.
partner-ask-ours = En wat willen wij, met <b>{ $name }</b>? Schrijf het in een paar woorden, of typ "-" om het leeg te laten.
partner-quiet-nudge =
    📇 Al een tijd geen contact met <b>{ $name }</b> (sinds { $day }). Even bellen of langsgaan?
    <i>Shortlist van { $group }</i>
partner-quiet-nudge-never =
    📇 Met <b>{ $name }</b> staat nog geen contact genoteerd. Even bellen of langsgaan?
    <i>Shortlist van { $group }</i>
partner-quiet-open = 📇 Bekijk de partner
partner-quiet-contacted = ✅ Net contact gehad
partner-contact-noted = Fijn! Het laatste contact staat op vandaag.
