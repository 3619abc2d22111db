## The coordinator: who coordinates, and the buttons all coordinator lists share.

coordinator-none = You do not coordinate a group with Brug yet. A coordinator can appoint you with /coordinator in the group.
member-none = I do not know you from a group with Brug yet. Say something in your initiative's group first.
coordinator-pick-group = Which group is this about?
coordinator-go-private = I will show you this in a private chat, so the group stays calm. Choose below.
coordinator-list =
    <b>Coordinators</b> (⭐). Choose a name to make someone coordinator, or to undo that.
    Administrators of the group are always coordinators. (page { $page } of { $pages })
coordinator-appointed = { $name } is now a coordinator.
coordinator-removed = { $name } is no longer a coordinator.
coordinator-telegram-admin = { $name } is an administrator of the group and therefore stays coordinator. You change that in the group's own settings.
button-previous = ‹ Previous
button-next = Next ›
button-back = ‹ Back
button-cancel = Stop
input-too-long = That is rather long. Could you say it in at most { $limit } characters?
input-empty = I saw no text. Please try again.

command-agenda = What is happening in the neighbourhood
command-partners = Partners and key figures
command-profiel = What do we stand for?
command-instellingen = Group settings (coordinator)
command-export = Download actions, partners and agenda (coordinator)
command-coordinator = Appoint or remove a coordinator
input-stopped = All right, I will leave it as it is.
