## Herinneringen, duwtjes en het weekoverzicht. HTML voor Telegram: alleen <b>, <i> en <a>.

# In de groep, voor iemand die Brug (nog) niet privé spreekt.
reminder-for-member =
    Voor { $mention }:
    { $text }

reminder-what-join = gewoon meedoen

reminder-guests = {" "}Je neemt { $names } mee.
# De tijd van de actie, als die er is: "zaterdag 5 december om 14:00".
reminder-due-time = {" "}om { $time }
reminder-due =
    { $days ->
        [0] Vandaag
        [1] Morgen
       *[other] Over { $days } dagen
    } is het zover: <b>{ $title }</b>, { $day }{ $time }.
    Jij doet: { $what }.{ $guests }
    Fijn dat je meedoet!

reminder-overdue =
    Het stond voor { $day }: <b>{ $title }</b> ({ $what }).
    Hoe staat het ervoor? Gedaan, later, of loslaten? Alles is goed.
reminder-button-done = ✅ Gedaan
reminder-button-later = 📅 Later
reminder-button-release = ↩️ Loslaten
reminder-button-snooze = ⏰ Morgen nog eens

reminder-stale =
    Het is even stil rond <b>{ $title }</b>: { $days ->
        [one] al een dag
       *[other] al { $days } dagen
    } geen nieuws.
    Gedaan, kleiner maken, of loslaten? Een kleine stap nu is ook een stap.
reminder-button-action-done = ✅ Het is gedaan
reminder-button-smaller = 🔎 Kleiner maken
reminder-button-let-go = ↩️ Loslaten

reminder-harvest =
    <b>{ $title }</b> stond voor { $day }. Hoe ging het?
    Vertel het de groep: wat gebeurde er, wie uit de buurt ontmoetten jullie, en wie wil het nog eens doen?
reminder-button-harvest = 🌱 Vertel hoe het ging

reminder-closing =
    ⏳ Nog één dag, dan valt het besluit over <b>{ $title }</b> (voorstel van { $proposer }).
    { $needed ->
        [0] Er is al genoeg steun.
        [one] Er is nog steun nodig van <b>1</b> persoon.
       *[other] Er is nog steun nodig van <b>{ $needed }</b> mensen.
    }
    { $ask }
reminder-closing-ask = { $mentions }{ $more }: { $people ->
        [one] wat vind jij ervan?
       *[other] wat vinden jullie ervan?
    } Kijk bij het voorstel: 👍 Steun, 🙋 Ik doe mee of 💬 Bedenking.
reminder-closing-more = { $count ->
        [one] {" "}en nog 1 ander
       *[other] {" "}en nog { $count } anderen
    }
reminder-closing-ask-all = Iedereen heeft al gereageerd. Dank jullie wel!

reminder-snoozed = Goed, ik vraag het je { $day } nog eens over <b>{ $title }</b>.
reminder-snooze-gone = Dit staat niet meer open. Er is niets meer te herinneren.
reminder-not-yours = Deze knop is voor iemand anders. Jouw eigen herinneringen regel je met /stil.

## /stil
reminders-pause-choose = Hoe lang wil je geen herinneringen van mij? Ze gaan niet verloren: daarna komen ze alsnog.
reminders-paused-now = Je herinneringen staan stil tot { $day }. Met /stil uit zet je ze weer aan.
reminders-pause-1 = 1 dag
reminders-pause-3 = 3 dagen
reminders-pause-7 = Een week
reminders-button-resume = 🔔 Weer aan
reminders-paused =
    Goed, { $days ->
        [one] een dag
       *[other] { $days } dagen
    } geen herinneringen van mij. Wat in die tijd zou komen, krijg je daarna. Met /stil uit zet je ze eerder weer aan.
reminders-resumed = Je herinneringen staan weer aan. Wat bleef liggen, komt zo.
reminders-not-paused = Je herinneringen stonden al aan.

## Weekoverzicht
digest =
    📬 <b>Deze week bij ons</b>
    { $sections }

    Een idee? Typ /actie. Klein is goed: doen wat nú kan.
digest-section-new =
    {""}
    <b>Nieuwe voorstellen</b>
    { $lines }
digest-section-running =
    {""}
    <b>Lopend</b>
    { $lines }
digest-section-hands =
    {""}
    <b>Zoekt nog handen</b> 🙋
    { $lines }
    Doe mee: kies 🙋 Ik doe mee bij de actie in de groep.
digest-section-neighbours =
    {""}
    <b>Uit de buurt</b> 🏘️
    { $lines }
digest-section-happened =
    {""}
    <b>Geweest: hoe ging het?</b>
    { $lines }
digest-section-tip =
    {""}
    { $tip }
digest-section-done =
    {""}
    <b>Gedaan deze week</b> 🎉
    { $lines }
digest-section-agenda =
    {""}
    <b>In de pijplijn</b> (in de buurt)
    { $lines }
digest-line-proposal = • <b>{ $title }</b> (van { $proposer })
digest-line-running =
    • <b>{ $title }</b> – { $day }
    { $who }
digest-commitment = { "   " }– { $name }: { $what }
digest-nobody-yet = { "   " }– nog niemand doet mee
digest-no-date = nog geen datum
digest-line-hands = • <b>{ $title }</b> – { $day }: { $count ->
        [0] nog niemand doet mee
        [one] één persoon doet mee
       *[other] { $count } mensen doen mee
    }
digest-line-neighbours = • <b>{ $title }</b>: +{ $count } { $count ->
        [one] buur komt
       *[other] buren komen
    } ook
digest-line-happened = • <b>{ $title }</b> – { $day }
digest-line-done = • <b>{ $title }</b>
digest-line-agenda = • { $day }: { $what }{ $place }
digest-line-agenda-undated = • nog geen datum: { $what }{ $place }
digest-place = { " " }({ $place })
digest-line-more = • en nog { $count }

## /herinner
reminder-settings =
    Ik herinner je aan wat je toezegde { $lead ->
        [0] op de dag zelf
        [one] een dag van tevoren
       *[other] { $lead } dagen van tevoren
    }, om { $hour }:00 uur. Wil je het anders? Kies hieronder.
reminder-settings-saved =
    Goed! Voortaan herinner ik je { $lead ->
        [0] op de dag zelf
        [one] een dag van tevoren
       *[other] { $lead } dagen van tevoren
    }, om { $hour }:00 uur.
reminder-lead-0 = Op de dag zelf
reminder-lead-1 = Dag van tevoren
reminder-lead-2 = 2 dagen ervoor
reminder-hour = { $hour }:00

command-stil = Even geen herinneringen
command-herinner = Wanneer ik je herinner
reminder-countdown =
    Nog { $days ->
        [one] één dag
       *[other] { $days } dagen
    } tot <b>{ $title }</b> ({ $day }). Wie doet wat?
    Doe je mee? Kies 🙋 Ik doe mee bij het voorstel.
