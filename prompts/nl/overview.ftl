## /overzicht: toezeggingen per actie en per lid, en wat de coördinator verder moet weten.

overview-title = <b>Overzicht – { $group }</b>
overview-heading-all = <b>Alle toezeggingen</b> (te laat eerst)
overview-heading-open = <b>Open toezeggingen</b> (te laat eerst)
overview-heading-late = <b>Te laat</b>
overview-heading-done = <b>Gedaan</b>
overview-heading-action = <b>Actie: { $title }</b>
overview-heading-member = <b>Toezeggingen van { $name }</b>
overview-line = { $status ->
        [late] ⏰ te laat
        [open] ◻️ open
        [done] ✅ gedaan
       *[other] ↩️ losgelaten
    } · <b>{ $who }</b>: { $what } · <i>{ $action }</i> · { $due }
overview-what-join = meedoen
overview-no-date = geen datum
overview-empty = Hier staan nu geen toezeggingen.
overview-page = Pagina { $page } van { $pages } ({ $total } toezeggingen)
overview-heavy = <b>Veel op hun bord</b>: { $names }. Misschien kan iemand iets overnemen?
overview-heavy-item = { $name } ({ $count } open)
overview-not-heard = <b>Wie hebben we nog niet gehoord?</b> { $count } van de { $members } leden: { $names }{ $more ->
        [0] {""}
       *[other] {" "}en nog { $more }
    }. Vraag ze persoonlijk: wat zou jij leuk vinden om te doen?
overview-failed = <b>Herinneringen die niet aankwamen</b> ({ $count })
    { $lines }
overview-failed-item = ⚠️ { $kind ->
        [due] herinnering aan een toezegging
        [overdue] vraag na een gemiste datum
        [stale] vraag over een stilgevallen actie
        [closing] oproep voor steun
        [digest] weekbericht
        [deadline] besluit over een voorstel
        [harvest] vraag hoe het ging
        [outgoing] bericht
       *[other] herinnering
    } voor { $who }, { $day }: <i>{ $error }</i>
# Why a reminder did not arrive (bot.domain.scheduler.Problem), in the coordinator's language.
overview-problem-blocked = Brug mag deze persoon niet schrijven, ook niet in de groep
overview-problem-telegram = Telegram nam het bericht steeds niet aan
overview-problem-unconfirmed = verstuurd maar nooit bevestigd
overview-problem-broken = er ging iets mis in Brug (het staat in het logboek)
overview-problem-other = niet aangekomen
overview-reach = <b>Bereik buiten de groep</b>: { $total } buurtbewoners in de laatste maanden.
    { $months }
    Weten de buren waar { $group } van is? Bij een buurtpeiling kende minder dan de helft van de buren de plannen van een bewonersinitiatief. Elke actie met de buurt helpt.
overview-reach-month = { $month }: { $count }
overview-filter-all = { $mark }Alles
overview-filter-open = { $mark }Open
overview-filter-late = { $mark }Te laat
overview-filter-done = { $mark }Gedaan
overview-per-action = Per actie
overview-per-member = Per lid
overview-pick-action = Van welke actie wil je de toezeggingen zien?
overview-pick-member = Van wie wil je de toezeggingen zien?
overview-pick-none = Er zijn nog geen toezeggingen.
overview-pick-item = { $label } ({ $count } open)
overview-back = ‹ Terug naar het overzicht
overview-reach-none = <b>Bereik buiten de groep</b>: nog niets gemeten. Vraag na elke actie: wie uit de buurt hebben we bereikt? Weten de buren waar { $group } van is? Bij een buurtpeiling kende minder dan de helft van de buren de plannen van een bewonersinitiatief.
overview-neighbours = 🏘️ <b>Buren die "ik kom ook" zeiden</b>: { $count } in de laatste maanden (via de pagina's voor de buurt).
