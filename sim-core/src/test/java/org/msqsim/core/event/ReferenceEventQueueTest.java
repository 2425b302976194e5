package org.msqsim.core.event;

/** The contract on the reference queue; its differential test is reference against itself. */
class ReferenceEventQueueTest extends EventQueueContract {

    @Override
    EventQueue newQueue() {
        return new ReferenceEventQueue();
    }
}
