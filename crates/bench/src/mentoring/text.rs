//! The words of the seeded requests and advice: a few capabilities leaders ask about, each with
//! a pool of advice experts give on it (so the three experts of a request overlap, as real ones
//! do, and the insight engine has a thread to find), and examples from an expert's own work.

/// (capability, context, the advice experts give on it).
pub const TOPICS: &[(&str, &str, &[&str])] = &[
    (
        "Handing over work I am attached to",
        "My team has grown from four people to eleven and I still redo the first drafts of every piece of work \
         myself. People wait for me, and I am the bottleneck in every project. By next summer I want the team \
         to take a piece of work from brief to delivery without me.",
        &[
            "Agree what good looks like before the work starts, then stay out of how it gets there.",
            "Write down the result you want and the date, hand it over whole, and only check the result.",
            "Hand over the outcome, not the tasks: say what finished looks like and let them plan the steps.",
            "Put your review points in the calendar at the start, so you are not tempted to look in between.",
            "Tell the client yourself that someone else leads their project now.",
            "Learn to tell a mistake that matters from a choice you would simply have made differently.",
            "Ask your team what you do that slows them down, and believe the answer.",
        ],
    ),
    (
        "Running a meeting that ends in a decision",
        "Our planning meetings are lively, but too often they end with a list of ideas and no decision, and \
         the next two weeks go on chasing one. This year I want every planning meeting to end with a choice \
         the people in the room own.",
        &[
            "Open the meeting by writing up the decision it must end with, and come back to it every half hour.",
            "Name the person in the room who makes the call, before you start.",
            "Leave the last twenty minutes for choosing, and protect them from good ideas.",
            "Send three options the day before, so the room starts from a shortlist.",
            "End by reading the decision back and asking who will tell their team.",
            "Agree with the sponsor beforehand what a good outcome of the meeting is.",
            "Make the decision question visible all meeting long.",
        ],
    ),
    (
        "Giving feedback that people act on",
        "I avoid hard conversations until they are too late, and when I do give feedback it is so wrapped in \
         praise that nothing changes. Over the next months I want my team to hear clearly what to keep and \
         what to change, and to act on it.",
        &[
            "Give feedback within a day of what happened, while both of you still remember it.",
            "Describe what you saw and its effect, not what you think of the person.",
            "Ask them first how they think it went; most people already know.",
            "Agree one thing to change, and check on it together in a week.",
            "Say the hard part plainly and early, then stop talking and listen.",
            "Praise in specifics too, so that your criticism is believed.",
            "Ask for feedback on yourself first, so it becomes normal in the team.",
        ],
    ),
    (
        "Saying no to work that is not ours",
        "Every department sends us its urgent requests and I say yes to nearly all of them. My team works late, \
         our own plans slip, and nobody thanks us for it. By the end of the year I want us to take on only the \
         work that belongs to us.",
        &[
            "Write down what your team is for in one sentence, and test every request against it.",
            "Say no to the request, not to the person, and offer who could help instead.",
            "Ask what they would drop to make room, before you agree to anything.",
            "Keep a visible list of what the team is doing, so every yes shows what it costs.",
            "Agree with your own manager beforehand which requests you may refuse.",
            "Answer requests the next day rather than on the spot, so you decide rather than react.",
            "Say yes to a smaller version of the request when a full no would hurt.",
        ],
    ),
    (
        "Presenting to the board with confidence",
        "I present our results to the board every quarter and I freeze when the questions start. I know the \
         work better than anyone in the room, but it does not come across. Within a year I want to present \
         and answer questions as calmly as I talk to my team.",
        &[
            "Start with the one decision or message you want the board to leave with.",
            "Rehearse the questions, not the slides: list the ten hardest and answer them aloud.",
            "Meet one board member beforehand and ask what they will want to know.",
            "Say you do not know when you do not, and promise an answer by a date.",
            "Cut the slides in half; the board reads the papers anyway.",
            "Pause before you answer a question, so you answer the one that was asked.",
            "Watch a recording of yourself once, then fix only the one habit that distracts most.",
        ],
    ),
];

/// Examples an expert may add to a piece of advice.
pub const EXAMPLES: &[&str] = &[
    "When I did this with my own team last spring, the first month was hard and the second was easy.",
    "My manager did this for me years ago, and it is still the thing I remember best about her.",
    "I tried the opposite for a year and it cost me two good people.",
    "We started doing this in our weekly meeting and it took ten minutes, not an hour.",
    "It felt awkward the first three times and natural after that.",
];
