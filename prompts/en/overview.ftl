## /overzicht: commitments per action and per member, and what else the coordinator should know.

overview-title = <b>Overview – { $group }</b>
overview-heading-all = <b>All commitments</b> (overdue first)
overview-heading-open = <b>Open commitments</b> (overdue first)
overview-heading-late = <b>Overdue</b>
overview-heading-done = <b>Done</b>
overview-heading-action = <b>Action: { $title }</b>
overview-heading-member = <b>Commitments of { $name }</b>
overview-line = { $status ->
        [late] ⏰ overdue
        [open] ◻️ open
        [done] ✅ done
       *[other] ↩️ released
    } · <b>{ $who }</b>: { $what } · <i>{ $action }</i> · { $due }
overview-what-join = joining in
overview-no-date = no date
overview-empty = There are no commitments here right now.
overview-page = Page { $page } of { $pages } ({ $total } commitments)
overview-heavy = <b>A lot on their plate</b>: { $names }. Could someone take something over?
overview-heavy-item = { $name } ({ $count } open)
overview-not-heard = <b>Who have we not heard from yet?</b> { $count } of the { $members } members: { $names }{ $more ->
        [0] {""}
       *[other] {" "}and { $more } more
    }. Ask them in person: what would you enjoy doing?
overview-failed = <b>Reminders that did not arrive</b> ({ $count })
    { $lines }
overview-failed-item = ⚠️ { $kind ->
        [due] reminder of a commitment
        [overdue] question after a missed date
        [stale] question about a stalled action
        [closing] call for support
        [digest] weekly digest
        [deadline] decision on a proposal
        [harvest] question how it went
        [outgoing] message
       *[other] reminder
    } for { $who }, { $day }: <i>{ $error }</i>
# Why a reminder did not arrive (bot.domain.scheduler.Problem), in the coordinator's language.
overview-problem-blocked = Brug may not write to this person, not even in the group
overview-problem-telegram = Telegram kept refusing the message
overview-problem-unconfirmed = sent but never confirmed
overview-problem-broken = something went wrong in Brug (it is in the log)
overview-problem-other = did not arrive
overview-reach = <b>Reach outside the group</b>: { $total } neighbours in recent months.
    { $months }
    Do the neighbours know what { $group } stands for? In a neighbourhood survey, fewer than half of the neighbours knew the plans of a residents' initiative. Every action with the neighbourhood helps.
overview-reach-month = { $month }: { $count }
overview-filter-all = { $mark }All
overview-filter-open = { $mark }Open
overview-filter-late = { $mark }Overdue
overview-filter-done = { $mark }Done
overview-per-action = Per action
overview-per-member = Per member
overview-pick-action = Which action's commitments would you like to see?
overview-pick-member = Whose commitments would you like to see?
overview-pick-none = There are no commitments yet.
overview-pick-item = { $label } ({ $count } open)
overview-back = ‹ Back to the overview
overview-reach-none = <b>Reach outside the group</b>: nothing measured yet. Ask after every action: whom from the neighbourhood did we reach? Do the neighbours know what { $group } stands for? In a neighbourhood survey, fewer than half of the neighbours knew the plans of a residents' initiative.
overview-neighbours = 🏘️ <b>Neighbours who said "I'm coming too"</b>: { $count } in recent months (through the pages for the neighbourhood).
