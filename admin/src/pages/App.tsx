import { Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { ProtectedBudgetsPage } from './Budgets';
import { HomePage } from './HomePage';

const App = () => (
  <Routes>
    <Route index element={<HomePage />} />
    <Route path="budgets" element={<ProtectedBudgetsPage />} />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);

export default App;
