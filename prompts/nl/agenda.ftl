## /agenda: wat er al gebeurt of in de pijplijn zit in de buurt ("In het hier en nu").

agenda-title =
    <b>Agenda van de buurt – { $group }</b>
    Sluit aan bij wat al gebeurt, dan hoef je het wiel niet opnieuw uit te vinden.
agenda-empty = Nog niets op de agenda. Weet je iets dat in de buurt gebeurt of in de pijplijn zit? Zet het erop.
agenda-page = Pagina { $page } van { $pages }
agenda-day = 📅 { $day }
agenda-day-at = 📅 { $day }, { $time }
agenda-past = ✔️ geweest ({ $day })
agenda-pipeline = 🔜 in de pijplijn
agenda-what = <b>{ $what }</b>
agenda-place = { $place }
agenda-organiser = door { $organiser }
agenda-our-action = 🌉 onze actie{ $state ->
        [proposed] { " " }(voorstel)
       *[other] {""}
    }
agenda-add = ➕ Iets toevoegen
agenda-card-what = <b>{ $what }</b>
agenda-card-when = Wanneer: { $day }
agenda-card-when-at = Wanneer: { $day }, { $time }
agenda-card-where = Waar: { $place }
agenda-card-organiser = Wie organiseert: { $organiser }
agenda-edit-what = Wat
agenda-edit-when = Wanneer
agenda-edit-where = Waar
agenda-edit-organiser = Wie organiseert
agenda-remove = 🗑 Verwijderen
agenda-remove-confirm = Wil je <b>{ $what }</b> van de agenda halen?
agenda-remove-yes = Ja, verwijderen
agenda-removed = { $what } staat niet meer op de agenda.
agenda-gone = Dit staat niet meer op de agenda.
agenda-saved = Staat op de agenda.
agenda-ask-what = Wat gebeurt er in de buurt, of wat zit er in de pijplijn? Kort, bijvoorbeeld "Koffieochtend in het buurthuis".
agenda-ask-when = Wanneer is <b>{ $what }</b>? Bijvoorbeeld "zaterdag", of met een tijd: "zaterdag 14:00". Typ "-" als het nog niet vaststaat.
agenda-ask-where = Waar is het? Typ "-" als je het niet weet.
agenda-ask-organiser = Wie organiseert het? Typ "-" als je het niet weet.
agenda-bad-date = Die datum begrijp ik niet, of hij is al voorbij. Probeer bijvoorbeeld "zaterdag" of "12 december", of typ "-".
