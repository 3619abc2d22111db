## The coordinators' dashboard: the web page and logging in through Telegram.

dashboard-button = 📊 Dashboard

# In Telegram: logging in in the browser.
dashboard-login-ask = <b>Log in to the dashboard in your browser?</b>
    Your browser shows the code <b>{ $code }</b>. Only press “Yes” if you asked for this yourself just now.
dashboard-login-yes = Yes, log in
dashboard-login-no = No
dashboard-login-confirmed = Done. Go back to your browser: the dashboard is ready.
dashboard-login-refused = All right, you are not logged in.
dashboard-login-gone = This login link has expired or was used already. Reload the page in your browser for a new one.
dashboard-login-not-coordinator = The dashboard is for a group's coordinators. You do not coordinate a group with Brug right now.

# The web page.
dashboard-page-title = Brug – dashboard
dashboard-group = { $group }
dashboard-nav-commitments = Commitments
dashboard-nav-actions = Actions
dashboard-nav-partners = Partners
dashboard-nav-agenda = Agenda
dashboard-nav-movement = Movement
dashboard-nav-groups = Other group
dashboard-logout = Log out
dashboard-login-title = Log in to the dashboard
dashboard-login-intro = The dashboard is for coordinators. You log in through Telegram: press the button, Telegram opens, and press “Yes, log in” there.
dashboard-login-button = Log in with Telegram
dashboard-login-code = Telegram shows the same code: <b>{ $code }</b>
dashboard-login-waiting = Waiting for your answer in Telegram…
dashboard-login-declined = Logging in was stopped. Want to try again? Reload this page.
dashboard-login-expired = This login attempt has expired. Reload the page to try again.
dashboard-login-as = You are logging in as:
dashboard-login-that-is-me = Yes, that is me
dashboard-login-not-me = Not you? Then close this page; nothing happens.
dashboard-login-checking = Checking who you are…
dashboard-webapp-refused = That did not work. Open the dashboard again with the button under /overview in Telegram.
dashboard-forbidden-title = Nothing to see here
dashboard-forbidden = This dashboard is only for the coordinators of this group. Are you a coordinator? Then open it again from /overview in Telegram.
dashboard-no-groups = You do not coordinate a group with Brug right now.
dashboard-pick-group = Which group do you want to see?
dashboard-error = Something went wrong. Please try again in a moment.

dashboard-commitments-title = Commitments
dashboard-commitments-late = { $count ->
        [0] Nothing is overdue.
        [one] One commitment is overdue.
       *[other] { $count } commitments are overdue.
    }
dashboard-filter-status = Which
dashboard-filter-action = Action
dashboard-filter-member = Member
dashboard-filter-any = All
dashboard-filter-sort = Order
dashboard-filter-apply = Show
dashboard-status = { $status ->
        [all] Everything
        [open] Open
        [late] ⏰ Overdue
        [done] ✅ Done
       *[other] ↩️ Let go
    }
dashboard-sort = { $sort ->
        [due] By date
        [member] By name
        [action] By action
       *[other] Overdue first
    }
dashboard-col-who = Who
dashboard-col-what = What
dashboard-col-action = Action
dashboard-col-due = When
dashboard-col-status = How it stands
dashboard-what-join = taking part
dashboard-no-date = no date
dashboard-mark-done = ✅ Done
dashboard-marked-done = Ticked off. Thank you!
dashboard-not-found = That commitment does not belong to this group.
dashboard-commitments-empty = There are no commitments here right now.
dashboard-page = Page { $page } of { $pages } ({ $total } commitments)
dashboard-page-previous = ‹ Previous
dashboard-page-next = Next ›

dashboard-actions-title = Actions
dashboard-actions-empty = There are no actions yet. Propose one with /actie in the group.
dashboard-state = { $state ->
        [proposed] ⏳ Proposal
        [running] 🚀 Running
        [done] 🎉 Done
       *[other] Let go
    }
dashboard-action-meta = Proposed by { $name } · 👍 { $supporters } · 🙋 { $open } open, { $done } done
dashboard-action-due = Date: { $day }

dashboard-partners-title = Partners and key figures
dashboard-shortlist = Shortlist: who is already moving
dashboard-longlist = Longlist
dashboard-key-figures = Key figures
dashboard-key-role = { $formal ->
        [yes] formal role
        [no] informal role
       *[other] role
    }
dashboard-partner-actions = { $count ->
        [0] no actions together yet
        [one] one action together
       *[other] { $count } actions together
    }
dashboard-partner-last-contact = last contact { $day }
dashboard-partners-empty = No partners yet. Put them on the list with /partners in Telegram.
dashboard-list-empty = Nothing.

dashboard-agenda-title = Neighbourhood agenda
dashboard-agenda-upcoming = Coming up
dashboard-agenda-pipeline = In the pipeline (no date yet)
dashboard-agenda-past = Happened
dashboard-agenda-empty = The agenda is still empty. Add to it with /agenda in Telegram.

dashboard-movement-title = Movement in the network
dashboard-movement-intro = From relationships to movement in the network: what got moving each month.
dashboard-chart-actions = Actions per month
dashboard-chart-people = People per month
dashboard-series-proposed = Proposed
dashboard-series-running = Running
dashboard-series-done = Done
dashboard-series-members = Members taking part
dashboard-series-reach = Reached outside the group
dashboard-series-partners = Partners involved
dashboard-movement-table = The figures
dashboard-col-month = Month
dashboard-action-public = 📣 For the neighbourhood, { $count } { $count ->
    [one] neighbour is
   *[other] neighbours are
} coming too:
dashboard-action-public-page = page
dashboard-action-public-flyer = flyer (PDF)
dashboard-partner-status = { $status ->
        [meeting] getting to know each other
        [talking] in talks
        [together] we work together
       *[not_now] not (yet)
    }
dashboard-partner-asks = What do they ask of us?
dashboard-partner-offer = What can we do for them?
dashboard-partner-theirs = They want:
dashboard-partner-ours = We want:
dashboard-partner-done = Done together: { $count ->
        [one] 1 action
       *[other] { $count } actions
    } ({ $titles })
dashboard-partner-reached = reached: { $count ->
        [one] 1 person
       *[other] { $count } people
    }
