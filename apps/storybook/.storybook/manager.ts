// The toolbar's mock-server actions: a button each (drop, gap, restart, stale upsert) that sends the action to the
// story over Storybook's channel, where the mock-socket decorator runs it on the story's server. Written with
// createElement: the manager's bundler compiles JSX to `React.createElement`, with no React in scope.
import { Fragment, createElement as h } from 'react';
import { Button } from 'storybook/internal/components';
import { addons, types } from 'storybook/manager-api';
import { MOCK_ACTION_EVENT, MOCK_ACTIONS } from '../src/mock-actions.js';

addons.register('livesnap/mock-server', (api) => {
  addons.add('livesnap/mock-server/toolbar', {
    type: types.TOOL,
    title: 'Mock server',
    match: ({ viewMode }) => viewMode === 'story' || viewMode === 'docs',
    render: () =>
      h(
        Fragment,
        null,
        MOCK_ACTIONS.map(({ action, label, title }) =>
          h(
            Button,
            {
              key: action,
              variant: 'ghost',
              padding: 'small',
              ariaLabel: false,
              title,
              onClick: () => api.emit(MOCK_ACTION_EVENT, action),
            },
            label,
          ),
        ),
      ),
  });
});
