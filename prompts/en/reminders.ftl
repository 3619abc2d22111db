## Reminders, nudges and the weekly digest. HTML for Telegram: only <b>, <i> and <a>.

# In the group, for someone who has not (yet) started Brug privately.
reminder-for-member =
    For { $mention }:
    { $text }

reminder-what-join = just joining in

reminder-guests = {" "}You are bringing { $names }.
# The action's time, when it has one: "Saturday 5 December at 2:00 PM".
reminder-due-time = {" "}at { $time }
reminder-due =
    { $days ->
        [0] Today
        [1] Tomorrow
       *[other] In { $days } days
    } it happens: <b>{ $title }</b>, { $day }{ $time }.
    You do: { $what }.{ $guests }
    Glad you are joining in!

reminder-overdue =
    This was planned for { $day }: <b>{ $title }</b> ({ $what }).
    How is it going? Done, later, or let it go? Any answer is fine.
reminder-button-done = ✅ Done
reminder-button-later = 📅 Later
reminder-button-release = ↩️ Let go
reminder-button-snooze = ⏰ Ask me tomorrow

reminder-stale =
    It has been quiet around <b>{ $title }</b>: no news for { $days ->
        [one] a day
       *[other] { $days } days
    }.
    Done, make it smaller, or let it go? A small step now is a step too.
reminder-button-action-done = ✅ It is done
reminder-button-smaller = 🔎 Make it smaller
reminder-button-let-go = ↩️ Let it go

reminder-harvest =
    <b>{ $title }</b> was planned for { $day }. How did it go?
    Tell the group: what happened, whom from the neighbourhood did you meet, and who wants to do it again?
reminder-button-harvest = 🌱 Tell how it went

reminder-closing =
    ⏳ One more day until the decision on <b>{ $title }</b> (proposed by { $proposer }).
    { $needed ->
        [0] There is enough support already.
        [one] It still needs the support of <b>1</b> person.
       *[other] It still needs the support of <b>{ $needed }</b> people.
    }
    { $ask }
reminder-closing-ask = { $mentions }{ $more }: { $people ->
        [one] what do you think?
       *[other] what do you all think?
    } Look at the proposal: 👍 Support, 🙋 I'm in or 💬 Concern.
reminder-closing-more = { $count ->
        [one] {" "}and 1 other
       *[other] {" "}and { $count } others
    }
reminder-closing-ask-all = Everybody has reacted already. Thank you!

reminder-snoozed = Fine, I will ask you again { $day } about <b>{ $title }</b>.
reminder-snooze-gone = This is no longer open. There is nothing left to remind you of.
reminder-not-yours = This button is for someone else. You set your own reminders with /stil.

## /stil
reminders-pause-choose = For how long do you want no reminders from me? They are not lost: they come afterwards.
reminders-paused-now = Your reminders are paused until { $day }. /stil uit switches them back on.
reminders-pause-1 = 1 day
reminders-pause-3 = 3 days
reminders-pause-7 = A week
reminders-button-resume = 🔔 Back on
reminders-paused =
    Fine, { $days ->
        [one] one day
       *[other] { $days } days
    } without reminders from me. What would have come in that time, you get afterwards. /stil uit switches them back on sooner.
reminders-resumed = Your reminders are back on. What was waiting comes shortly.
reminders-not-paused = Your reminders were already on.

## Weekly digest
digest =
    📬 <b>This week with us</b>
    { $sections }

    An idea? Type /actie. Small is good: do what is possible now.
digest-section-new =
    {""}
    <b>New proposals</b>
    { $lines }
digest-section-running =
    {""}
    <b>Running</b>
    { $lines }
digest-section-hands =
    {""}
    <b>Still looking for hands</b> 🙋
    { $lines }
    Join in: choose 🙋 I'll join on the action in the group.
digest-section-neighbours =
    {""}
    <b>From the neighbourhood</b> 🏘️
    { $lines }
digest-section-happened =
    {""}
    <b>Happened: how did it go?</b>
    { $lines }
digest-section-tip =
    {""}
    { $tip }
digest-section-done =
    {""}
    <b>Done this week</b> 🎉
    { $lines }
digest-section-agenda =
    {""}
    <b>In the pipeline</b> (in the neighbourhood)
    { $lines }
digest-line-proposal = • <b>{ $title }</b> (by { $proposer })
digest-line-running =
    • <b>{ $title }</b> – { $day }
    { $who }
digest-commitment = { "   " }– { $name }: { $what }
digest-nobody-yet = { "   " }– nobody joined yet
digest-no-date = no date yet
digest-line-hands = • <b>{ $title }</b> – { $day }: { $count ->
        [0] nobody joined yet
        [one] one person joined
       *[other] { $count } people joined
    }
digest-line-neighbours = • <b>{ $title }</b>: +{ $count } { $count ->
        [one] neighbour is
       *[other] neighbours are
    } coming too
digest-line-happened = • <b>{ $title }</b> – { $day }
digest-line-done = • <b>{ $title }</b>
digest-line-agenda = • { $day }: { $what }{ $place }
digest-line-agenda-undated = • no date yet: { $what }{ $place }
digest-place = { " " }({ $place })
digest-line-more = • and { $count } more

## /herinner
reminder-settings =
    I remind you of what you committed to { $lead ->
        [0] on the day itself
        [one] one day before
       *[other] { $lead } days before
    }, at { $hour }:00. Want it differently? Choose below.
reminder-settings-saved =
    Done! From now on I remind you { $lead ->
        [0] on the day itself
        [one] one day before
       *[other] { $lead } days before
    }, at { $hour }:00.
reminder-lead-0 = On the day
reminder-lead-1 = The day before
reminder-lead-2 = 2 days before
reminder-hour = { $hour }:00

command-stil = No reminders for a while
command-herinner = When I remind you
reminder-countdown =
    { $days ->
        [one] One more day
       *[other] { $days } more days
    } until <b>{ $title }</b> ({ $day }). Who does what?
    Joining in? Choose 🙋 I'll join on the proposal.
