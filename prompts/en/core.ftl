## Welcome, help and language. All text is HTML for Telegram: use only <b>, <i> and <a>.

start-welcome =
    Welcome to <b>Brug</b>, { $name }! Together with the neighbourhood, rather than an island in it.
    I help your group come up with small network actions and keep them going: together with others, simple, short and contagious.
    Add me to your group, or first see how it works.
start-in-group = Hello! Propose a network action with /actie, or see what I can do with /help.
button-how-it-works = How does it work?
button-add-to-group = Add Brug to your group
button-language = Taal / Language
button-open-private = Open the chat with Brug

help-text =
    <b>How Brug works</b>
    /actie – propose a small network action (in the group)
    /acties – the group's proposals and running actions
    /mijn – what I have committed to, with buttons to tick it off
    /stil – a break from reminders (/stil 3 = three days, /stil uit = back on)
    /herinner – when I remind you of what you committed to
    /agenda – what happens in the neighbourhood, and what is in the pipeline
    /helpmee – help with what already happens (agenda, partners)
    /partners – partners and key figures in the neighbourhood
    /profiel – what do we stand for? Read it, or suggest a change
    /buurt – show an action to the neighbourhood: a page, a flyer, "I'm coming too"
    /taal – choose Nederlands or English
    /help – this explanation
    /bron – where Brug comes from: the research, and a tip

    <b>For coordinators</b>
    /overzicht – who does what, and what is running late
    /instellingen – the group's settings
    /export – actions, partners and agenda as files
    /coordinator – appoint or remove a coordinator (in the group)

    <b>Your data</b>
    /mijngegevens – everything I keep about you, as a file
    /vergeetmij – let me erase your data

command-actie = Propose a network action
command-acties = Proposals and running actions
command-mijn = My commitments
command-overzicht = Overview for the coordinator
command-taal = Choose your language
command-bron = Where Brug comes from: the research
command-help = What can Brug do?
command-mijngegevens = Everything Brug keeps about me
command-vergeetmij = Erase my data

language-choose = Which language shall I write in?
language-choose-group = Choose your own language. Coordinators can also choose the group's language.
language-nl = Nederlands
language-en = English
language-group-nl = Group: Nederlands
language-group-en = Group: English
language-set-member = From now on I will write to you in English.
language-set-group = From now on the group hears me in English.
language-group-only = A group's language is chosen in that group.

coordinator-only = Only a coordinator of the group can do this.

group-welcome =
    Hello everyone, I am <b>Brug</b>. I help you not to be an island in the neighbourhood.
    A good network action stands on three building blocks:
    🤝 <b>Together with others</b> – who is already moving, and can we take them along?
    ⏱ <b>In the here and now</b> – join what already happens in the neighbourhood.
    ✨ <b>Smart and small</b> – simple, short and contagious: others join in easily.
    Brug follows the research <i>Geen eilandje in de buurt willen zijn</i> (GGD Flevoland and Windesheim): /bron.
    Got an idea? Type /actie.

private-only = I would rather show you this in a private chat. Choose below.
group-only = This works in your initiative's group. Type it there and I will help you along.
unknown-command = I don't know that command. Type /help to see what I can do.
private-text-unexpected =
    I'm not sure what you mean. I haven't asked anything this could be the answer to.
    Want to propose something? Type /actie in the group. What you promised is under /mijn. Everything I can do: /help.
private-text-hello =
    Hello { $name }! I'm Brug. I help your group with small actions together with the neighbourhood.
    /actie – propose something (in the group)
    /mijn – what you promised
    /help – everything I can do
reply-thanks = You're welcome!
reply-not-understood = I didn't understand that. Try other words, or type /help.
reply-question-for-other = That question was for { $name }. Want to join in or respond yourself? Choose a button under the proposal.
reply-use-buttons = I'm not sure which choice you mean. Choose one of these: { $labels }.
reply-not-waiting = Thank you! You don't need to answer this message. Type /help to see what I can do.
error-try-again = Sorry, that did not work just now. Please try again in a moment.
error-kept = Sorry, something went wrong after that. What you did is saved: no need to do it again.
button-stale = This button no longer works. Look at the newest message, or type /help.
