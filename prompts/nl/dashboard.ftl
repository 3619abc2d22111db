## Het dashboard voor coördinatoren: de webpagina en het inloggen via Telegram.

dashboard-button = 📊 Dashboard

# In Telegram: inloggen in de browser.
dashboard-login-ask = <b>Inloggen op het dashboard in je browser?</b>
    Je browser laat de code <b>{ $code }</b> zien. Druk alleen op “Ja” als je dat zelf net hebt gevraagd.
dashboard-login-yes = Ja, inloggen
dashboard-login-no = Nee
dashboard-login-confirmed = Gelukt. Ga terug naar je browser: het dashboard staat klaar.
dashboard-login-refused = Goed, je bent niet ingelogd.
dashboard-login-gone = Deze inloglink is verlopen of al gebruikt. Laad de pagina in je browser opnieuw voor een nieuwe.
dashboard-login-not-coordinator = Het dashboard is voor de coördinatoren van een groep. Jij coördineert nu geen groep met Brug.

# De webpagina.
dashboard-page-title = Brug – dashboard
dashboard-group = { $group }
dashboard-nav-commitments = Toezeggingen
dashboard-nav-actions = Acties
dashboard-nav-partners = Partners
dashboard-nav-agenda = Agenda
dashboard-nav-movement = Beweging
dashboard-nav-groups = Andere groep
dashboard-logout = Uitloggen
dashboard-login-title = Inloggen op het dashboard
dashboard-login-intro = Het dashboard is voor coördinatoren. Je logt in via Telegram: druk op de knop, Telegram gaat open, en druk daar op “Ja, inloggen”.
dashboard-login-button = Inloggen via Telegram
dashboard-login-code = Telegram laat dezelfde code zien: <b>{ $code }</b>
dashboard-login-waiting = We wachten op je antwoord in Telegram…
dashboard-login-declined = Inloggen is gestopt. Wil je het opnieuw proberen? Laad deze pagina dan opnieuw.
dashboard-login-expired = Deze inlogpoging is verlopen. Laad de pagina opnieuw om het nog eens te proberen.
dashboard-login-as = Je logt in als:
dashboard-login-that-is-me = Ja, dat ben ik
dashboard-login-not-me = Ben jij dit niet? Sluit deze pagina dan; er gebeurt niets.
dashboard-login-checking = Even kijken wie je bent…
dashboard-webapp-refused = Dat lukte niet. Open het dashboard opnieuw met de knop onder /overzicht in Telegram.
dashboard-forbidden-title = Hier kun je niet kijken
dashboard-forbidden = Dit dashboard is alleen voor de coördinatoren van deze groep. Ben je coördinator? Open het dan opnieuw vanuit /overzicht in Telegram.
dashboard-no-groups = Je coördineert nu geen groep met Brug.
dashboard-pick-group = Welke groep wil je bekijken?
dashboard-error = Er ging iets mis. Probeer het zo nog eens.

dashboard-commitments-title = Toezeggingen
dashboard-commitments-late = { $count ->
        [0] Niets is te laat.
        [one] Eén toezegging is te laat.
       *[other] { $count } toezeggingen zijn te laat.
    }
dashboard-filter-status = Welke
dashboard-filter-action = Actie
dashboard-filter-member = Lid
dashboard-filter-any = Alle
dashboard-filter-sort = Volgorde
dashboard-filter-apply = Laat zien
dashboard-status = { $status ->
        [all] Alles
        [open] Open
        [late] ⏰ Te laat
        [done] ✅ Gedaan
       *[other] ↩️ Losgelaten
    }
dashboard-sort = { $sort ->
        [due] Op datum
        [member] Op naam
        [action] Op actie
       *[other] Te laat eerst
    }
dashboard-col-who = Wie
dashboard-col-what = Wat
dashboard-col-action = Actie
dashboard-col-due = Wanneer
dashboard-col-status = Hoe staat het
dashboard-what-join = meedoen
dashboard-no-date = geen datum
dashboard-mark-done = ✅ Gedaan
dashboard-marked-done = Afgevinkt. Dank je wel!
dashboard-not-found = Die toezegging hoort niet bij deze groep.
dashboard-commitments-empty = Hier staan nu geen toezeggingen.
dashboard-page = Pagina { $page } van { $pages } ({ $total } toezeggingen)
dashboard-page-previous = ‹ Vorige
dashboard-page-next = Volgende ›

dashboard-actions-title = Acties
dashboard-actions-empty = Er zijn nog geen acties. Stel er een voor met /actie in de groep.
dashboard-state = { $state ->
        [proposed] ⏳ Voorstel
        [running] 🚀 Loopt
        [done] 🎉 Gedaan
       *[other] Losgelaten
    }
dashboard-action-meta = Voorgesteld door { $name } · 👍 { $supporters } · 🙋 { $open } open, { $done } gedaan
dashboard-action-due = Datum: { $day }

dashboard-partners-title = Partners en sleutelfiguren
dashboard-shortlist = Shortlist: wie beweegt al mee
dashboard-longlist = Longlist
dashboard-key-figures = Sleutelfiguren
dashboard-key-role = { $formal ->
        [yes] formele rol
        [no] informele rol
       *[other] rol
    }
dashboard-partner-actions = { $count ->
        [0] nog geen acties samen
        [one] één actie samen
       *[other] { $count } acties samen
    }
dashboard-partner-last-contact = laatste contact { $day }
dashboard-partners-empty = Nog geen partners. Zet ze op de lijst met /partners in Telegram.
dashboard-list-empty = Niets.

dashboard-agenda-title = Agenda van de buurt
dashboard-agenda-upcoming = Binnenkort
dashboard-agenda-pipeline = In de pijplijn (nog geen datum)
dashboard-agenda-past = Geweest
dashboard-agenda-empty = De agenda is nog leeg. Vul hem aan met /agenda in Telegram.

dashboard-movement-title = Beweging in het netwerk
dashboard-movement-intro = Van relaties naar beweging in het netwerk: wat er elke maand in beweging kwam.
dashboard-chart-actions = Acties per maand
dashboard-chart-people = Mensen per maand
dashboard-series-proposed = Voorgesteld
dashboard-series-running = Lopend
dashboard-series-done = Gedaan
dashboard-series-members = Leden die meededen
dashboard-series-reach = Bereikt buiten de groep
dashboard-series-partners = Partners betrokken
dashboard-movement-table = De cijfers
dashboard-col-month = Maand
dashboard-action-public = 📣 Voor de buurt, { $count } { $count ->
    [one] buur komt
   *[other] buren komen
} ook:
dashboard-action-public-page = pagina
dashboard-action-public-flyer = flyer (PDF)
dashboard-partner-status = { $status ->
        [meeting] kennismaken
        [talking] in gesprek
        [together] we werken samen
       *[not_now] (nog) niet
    }
dashboard-partner-asks = Wat vragen zij van ons?
dashboard-partner-offer = Wat kunnen wij voor hen doen?
dashboard-partner-theirs = Zij willen:
dashboard-partner-ours = Wij willen:
dashboard-partner-done = Samen gedaan: { $count ->
        [one] 1 actie
       *[other] { $count } acties
    } ({ $titles })
dashboard-partner-reached = bereikt: { $count ->
        [one] 1 mens
       *[other] { $count } mensen
    }
